import Foundation
import GRDB
import RosterCore
import RosterSCIM

/// Translates a SCIM filter into an SQL condition with bound values, over `account a` (users) or
/// `account_group g` (groups).
///
/// Attributes Roster keeps in columns use them (and their indexes: `userName eq` is a unique-index lookup, as is
/// `externalId eq` within a source); emails and group members use their tables; every other attribute is read from
/// the stored SCIM body with SQLite's JSON functions. Case follows the schema: `caseExact` attributes compare as
/// stored, the others lower-cased on both sides. Every leaf yields 0 or 1, never NULL, so `not` is exact.
struct SCIMSQLFilter {
    let kind: SCIMResourceKind
    let unknownAttributesMatchNothing: Bool
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    init(kind: SCIMResourceKind, unknownAttributesMatchNothing: Bool = false) {
        self.kind = kind
        self.unknownAttributesMatchNothing = unknownAttributesMatchNothing
    }

    /// Groups nested deeper than this (an `or` inside an `and` inside a `not` …) are refused: every level costs
    /// SQLite's fixed parser stack several entries, and past it the query fails with "parser stack overflow" (a
    /// 500). The filter parser's own limit (50) is for its recursion, not for the SQL.
    static let maxNesting = 24

    private var nestingChecked = false

    mutating func condition(_ filter: SCIMFilter) throws(SCIMError) -> String {
        if !nestingChecked {
            nestingChecked = true
            guard Self.nesting(filter) <= Self.maxNesting else {
                throw .invalidFilter("the filter nests groups more than \(Self.maxNesting) levels deep")
            }
        }
        switch filter {
        case .and, .or:
            // A chain of one operator is written flat (`(a OR b OR c)`): nesting a parenthesis per operand
            // overflowed SQLite's parser stack at ~100 operands and answered 500 to a valid filter.
            let isAnd = if case .and = filter { true } else { false }
            var parts: [String] = []
            for operand in Self.operands(filter, and: isAnd) { parts.append(try condition(operand)) }
            return "(" + parts.joined(separator: isAnd ? " AND " : " OR ") + ")"
        case .not(let inner): return "(NOT \(try condition(inner)))"
        case .present(let path): return try leaf(path, nil, nil)
        case .compare(let path, let op, let value): return try leaf(path, op, value)
        case .valuePath(let path, let inner): return try valuePath(path, inner)
        }
    }

    /// How deeply the SQL for `filter` nests: one level per group that is not a continuation of its parent's chain.
    static func nesting(_ filter: SCIMFilter, parent: String = "") -> Int {
        switch filter {
        case .and(let l, let r): (parent == "and" ? 0 : 1) + max(nesting(l, parent: "and"), nesting(r, parent: "and"))
        case .or(let l, let r): (parent == "or" ? 0 : 1) + max(nesting(l, parent: "or"), nesting(r, parent: "or"))
        case .not(let i): 1 + nesting(i, parent: "not")
        case .valuePath(_, let i): 1 + nesting(i, parent: "valuePath")
        case .present, .compare: 0
        }
    }

    /// The operands of a chain of `and` (or of `or`), left to right, without recursion.
    static func operands(_ filter: SCIMFilter, and: Bool) -> [SCIMFilter] {
        var result: [SCIMFilter] = []
        var pending = [filter]
        while let next = pending.popLast() {
            switch (next, and) {
            case (.and(let left, let right), true), (.or(let left, let right), false):
                pending.append(right)
                pending.append(left)
            default:
                result.append(next)
            }
        }
        return result
    }

    // MARK: leaves

    /// One comparison (or presence test when `op` is nil).
    private mutating func leaf(_ path: SCIMAttributePath, _ op: SCIMCompareOperator?, _ value: SCIMFilterValue?) throws(SCIMError) -> String {
        let resolved: (String?, SCIMAttribute, String?)
        do {
            resolved = try resolve(path)
        } catch where unknownAttributesMatchNothing {
            return op == .ne ? "1" : "0"
        }
        let (schemaID, attribute, sub) = resolved
        let name = attribute.name
        if schemaID == nil || schemaID == kind.coreSchema.id {
            if let column = column(name, sub) {
                return try compare(column.expression, type: column.type, caseExact: column.caseExact, op, value, key: column.key)
            }
            if name.lowercased() == "schemas" {
                return try schemasCondition(op, value)
            }
            if kind == .user && name == "emails" {
                return try emailCondition(sub ?? "value", op, value, negate: op == .ne)
            }
            if kind == .user && name == "groups" {
                return try relationCondition(sub ?? "value", op, value, userGroups: true)
            }
            if kind == .group && name == "members" {
                return try relationCondition(sub ?? "value", op, value, userGroups: false)
            }
        }
        guard kind == .user else { throw .invalidFilter("'\(path)' cannot be filtered on") }
        return try jsonCondition(schemaID: schemaID, attribute: attribute, sub: sub, op, value)
    }

    private struct Column {
        var expression: String
        var type: SCIMAttributeType
        var caseExact: Bool
        /// The key function the column already applies (userName keys are lower-cased): compare against key(value).
        var key: ((String) -> String)?
    }

    private func column(_ name: String, _ sub: String?) -> Column? {
        switch (kind, name, sub) {
        case (.user, "id", nil): Column(expression: "a.id", type: .string, caseExact: true)
        case (.user, "externalId", nil): Column(expression: "a.external_id", type: .string, caseExact: true)
        case (.user, "userName", nil): Column(expression: "a.user_name_key", type: .string, caseExact: true, key: UserNamePolicy.key(for:))
        case (.user, "active", nil): Column(expression: "a.active", type: .boolean, caseExact: true)
        case (.user, "displayName", nil): Column(expression: "a.display_name", type: .string, caseExact: false)
        case (.user, "name", "givenName"?): Column(expression: "a.given_name", type: .string, caseExact: false)
        case (.user, "name", "familyName"?): Column(expression: "a.family_name", type: .string, caseExact: false)
        case (.user, "meta", "created"?): Column(expression: "a.created_at", type: .dateTime, caseExact: true)
        case (.user, "meta", "lastModified"?): Column(expression: "a.updated_at", type: .dateTime, caseExact: true)
        case (.user, "meta", "resourceType"?): Column(expression: "'User'", type: .string, caseExact: true)
        case (.group, "id", nil): Column(expression: "g.id", type: .string, caseExact: true)
        case (.group, "externalId", nil): Column(expression: "g.external_id", type: .string, caseExact: true)
        case (.group, "displayName", nil): Column(expression: "g.display_name", type: .string, caseExact: false)
        case (.group, "meta", "created"?): Column(expression: "g.created_at", type: .dateTime, caseExact: true)
        case (.group, "meta", "lastModified"?): Column(expression: "g.updated_at", type: .dateTime, caseExact: true)
        case (.group, "meta", "resourceType"?): Column(expression: "'Group'", type: .string, caseExact: true)
        default: nil
        }
    }

    /// The definition a path names, with canonical spelling.
    private func resolve(_ path: SCIMAttributePath) throws(SCIMError) -> (String?, SCIMAttribute, String?) {
        var schema = kind.coreSchema
        var schemaID: String?
        if let urn = path.schemaURN {
            guard let found = kind.schema(urn) else { throw .invalidFilter("unknown schema '\(urn)'") }
            schema = found
            schemaID = found.id
        }
        if schemaID == nil || schemaID == kind.coreSchema.id,
           let common = SCIMSchemaCatalog.commonAttributes.first(where: { $0.name.lowercased() == path.attribute.lowercased() }) {
            return (schemaID, common, try subName(common, path))
        }
        if schemaID == nil, path.attribute.lowercased() == "schemas" {
            return (nil, SCIMAttribute("schemas", .reference, multiValued: true), nil)
        }
        guard let attribute = schema.attribute(named: path.attribute) else {
            throw .invalidFilter("unknown attribute '\(path)'")
        }
        if attribute.returned == .never { throw .invalidFilter("'\(attribute.name)' cannot be filtered on") }
        return (schemaID, attribute, try subName(attribute, path))
    }

    private func subName(_ attribute: SCIMAttribute, _ path: SCIMAttributePath) throws(SCIMError) -> String? {
        guard let sub = path.subAttribute else { return nil }
        guard let found = attribute.subAttribute(named: sub) else {
            throw .invalidFilter("'\(attribute.name)' has no sub-attribute '\(sub)'")
        }
        return found.name
    }

    /// `expression op ?` with SCIM's semantics for the attribute's type.
    private mutating func compare(
        _ expression: String, type: SCIMAttributeType, caseExact: Bool, _ op: SCIMCompareOperator?,
        _ value: SCIMFilterValue?, key: ((String) -> String)? = nil
    ) throws(SCIMError) -> String {
        guard let op, let value else {
            return type == .string || type == .reference ? "(\(expression) IS NOT NULL AND \(expression) <> '')" : "(\(expression) IS NOT NULL)"
        }
        if case .null = value {
            switch op {
            case .eq: return "(\(expression) IS NULL)"
            case .ne: return "(\(expression) IS NOT NULL)"
            default: throw .invalidFilter("null compares with eq or ne only")
            }
        }
        let lhs: String
        let bound: any DatabaseValueConvertible
        switch (type, value) {
        case (.boolean, .bool(let flag)):
            guard op == .eq || op == .ne else { throw .invalidFilter("booleans compare with eq or ne only") }
            lhs = expression
            bound = flag ? 1 : 0
        case (.integer, .number(let number)), (.decimal, .number(let number)):
            guard ![.co, .sw, .ew].contains(op) else { throw .invalidFilter("numbers do not support \(op.rawValue)") }
            lhs = expression
            bound = number
        case (.dateTime, .string(let text)):
            guard let date = SCIMDateTime.parse(text) else { throw .invalidFilter("'\(text)' is not an xsd:dateTime") }
            guard ![.co, .sw, .ew].contains(op) else { throw .invalidFilter("dateTimes do not support \(op.rawValue)") }
            if expression.hasSuffix("_at") {
                lhs = expression
                bound = Int64((date.timeIntervalSince1970 * 1000).rounded())
            } else {
                lhs = expression
                bound = text
            }
        case (.string, .string(let text)), (.reference, .string(let text)), (.binary, .string(let text)):
            if let key {
                lhs = expression
                bound = [.co, .sw, .ew].contains(op) ? text.lowercased() : key(text)
                if [.co, .sw, .ew].contains(op) { return like(expression, op, bound as? String ?? text, lowered: true) }
            } else if caseExact {
                lhs = expression
                bound = text
                if [.co, .sw, .ew].contains(op) { return likeExact(expression, op, text) }
            } else {
                lhs = "lower(\(expression))"
                bound = text.lowercased()
                if [.co, .sw, .ew].contains(op) { return like("lower(\(expression))", op, text.lowercased(), lowered: true) }
            }
        default:
            throw .invalidFilter("the value \(value) does not fit an attribute of type \(type.rawValue)")
        }
        arguments.append(bound)
        switch op {
        case .eq: return "(\(lhs) IS NOT NULL AND \(lhs) = ?)"
        case .ne: return "(\(lhs) IS NULL OR \(lhs) <> ?)"
        case .gt: return "(\(lhs) IS NOT NULL AND \(lhs) > ?)"
        case .ge: return "(\(lhs) IS NOT NULL AND \(lhs) >= ?)"
        case .lt: return "(\(lhs) IS NOT NULL AND \(lhs) < ?)"
        case .le: return "(\(lhs) IS NOT NULL AND \(lhs) <= ?)"
        case .co, .sw, .ew: throw .invalidFilter("\(op.rawValue) needs a string")
        }
    }

    /// `co`/`sw`/`ew` as LIKE with `%` and `_` escaped (ASCII case-insensitive, on lower-cased text).
    private mutating func like(_ expression: String, _ op: SCIMCompareOperator, _ text: String, lowered: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = switch op {
        case .sw: escaped + "%"
        case .ew: "%" + escaped
        default: "%" + escaped + "%"
        }
        arguments.append(pattern)
        return "(\(expression) IS NOT NULL AND \(expression) LIKE ? ESCAPE '\\')"
    }

    /// Case-exact `co`/`sw`/`ew` with instr/substr (LIKE ignores ASCII case).
    private mutating func likeExact(_ expression: String, _ op: SCIMCompareOperator, _ text: String) -> String {
        switch op {
        case .sw:
            arguments.append(text)
            arguments.append(text)
            return "(\(expression) IS NOT NULL AND substr(\(expression), 1, length(?)) = ?)"
        case .ew:
            arguments.append(text)
            arguments.append(text)
            return "(\(expression) IS NOT NULL AND substr(\(expression), -length(?)) = ?)"
        default:
            arguments.append(text)
            return "(\(expression) IS NOT NULL AND instr(\(expression), ?) > 0)"
        }
    }

    // MARK: multi-valued and JSON attributes

    private mutating func emailCondition(_ sub: String, _ op: SCIMCompareOperator?, _ value: SCIMFilterValue?, negate: Bool) throws(SCIMError) -> String {
        let effectiveOp: SCIMCompareOperator? = negate ? .eq : op
        let inner: String
        switch sub {
        case "value": inner = try compare("e.value_key", type: .string, caseExact: true, effectiveOp, value, key: EmailPolicy.key(for:))
        case "type": inner = try compare("e.type", type: .string, caseExact: false, effectiveOp, value)
        case "primary":
            // As the resource shows it: the stored SCIM body's `primary` flags (the store may have made an email
            // primary that the client did not flag), or the email rows for an account not created over SCIM.
            let rows = try compare("e.is_primary", type: .boolean, caseExact: true, effectiveOp, value)
            let body = try compare("json_extract(j.value, '$.\"primary\"')", type: .boolean, caseExact: true, effectiveOp, value)
            let exists = """
                (CASE WHEN a.scim_json IS NULL THEN EXISTS (SELECT 1 FROM account_email e WHERE e.account_id = a.id AND \(rows)) \
                ELSE EXISTS (SELECT 1 FROM json_each(a.scim_json, '$."emails"') j WHERE \(body)) END)
                """
            return negate ? "(NOT \(exists))" : exists
        case "display": inner = "0"
        default: throw .invalidFilter("emails has no sub-attribute '\(sub)'")
        }
        let exists = "EXISTS (SELECT 1 FROM account_email e WHERE e.account_id = a.id AND \(inner))"
        return negate ? "(NOT \(exists))" : exists
    }

    /// A user's groups (`groups.value`, `groups.display`) or a group's members (`members.value`, `members.display`).
    private mutating func relationCondition(_ sub: String, _ op: SCIMCompareOperator?, _ value: SCIMFilterValue?, userGroups: Bool) throws(SCIMError) -> String {
        let negate = op == .ne
        let effectiveOp: SCIMCompareOperator? = negate ? .eq : op
        let exists: String
        if userGroups {
            let inner: String
            switch sub {
            case "value": inner = try compare("m.group_id", type: .string, caseExact: true, effectiveOp, value, key: { $0.lowercased() })
            case "display": inner = try compare("mg.display_name", type: .string, caseExact: false, effectiveOp, value)
            case "type": inner = try compare("'direct'", type: .string, caseExact: false, effectiveOp, value)
            default: throw .invalidFilter("groups.\(sub) cannot be filtered on")
            }
            exists = """
                EXISTS (SELECT 1 FROM group_member_account m JOIN account_group mg ON mg.id = m.group_id
                WHERE m.account_id = a.id AND \(inner))
                """
        } else {
            switch sub {
            case "value":
                let accounts = try compare("m.account_id", type: .string, caseExact: true, effectiveOp, value, key: { $0.lowercased() })
                let groups = try compare("n.member_group_id", type: .string, caseExact: true, effectiveOp, value, key: { $0.lowercased() })
                exists = """
                    (EXISTS (SELECT 1 FROM group_member_account m WHERE m.group_id = g.id AND \(accounts))
                    OR EXISTS (SELECT 1 FROM group_member_group n WHERE n.group_id = g.id AND \(groups)))
                    """
            case "display":
                let inner = try compare("coalesce(ma.display_name, ma.user_name)", type: .string, caseExact: false, effectiveOp, value)
                exists = """
                    EXISTS (SELECT 1 FROM group_member_account m JOIN account ma ON ma.id = m.account_id
                    WHERE m.group_id = g.id AND \(inner))
                    """
            case "type":
                let accountsType = try compare("'User'", type: .string, caseExact: false, effectiveOp, value)
                let groupsType = try compare("'Group'", type: .string, caseExact: false, effectiveOp, value)
                exists = """
                    ((\(accountsType) AND EXISTS (SELECT 1 FROM group_member_account m WHERE m.group_id = g.id))
                    OR (\(groupsType) AND EXISTS (SELECT 1 FROM group_member_group n WHERE n.group_id = g.id)))
                    """
            default: throw .invalidFilter("members.\(sub) cannot be filtered on")
            }
        }
        return negate ? "(NOT \(exists))" : exists
    }

    /// `schemas eq "urn:…:enterprise:2.0:User"`: whether the resource carries that schema.
    private mutating func schemasCondition(_ op: SCIMCompareOperator?, _ value: SCIMFilterValue?) throws(SCIMError) -> String {
        guard let op else { return "1" }
        guard case .string(let urn) = value, op == .eq || op == .ne else {
            throw .invalidFilter("schemas compares with eq or ne and a URN")
        }
        let has: String
        if urn.lowercased() == kind.coreSchema.id.lowercased() {
            has = "1"
        } else if let ext = kind.extensionSchema(urn), kind == .user {
            has = "(json_type(a.scim_json, '\(Self.jsonPath([ext.id]))') IS NOT NULL)"
        } else {
            has = "0"
        }
        return op == .eq ? has : "(NOT \(has))"
    }

    /// An attribute read from the stored SCIM body. JSON paths are built from the schema's own attribute names
    /// (never from request text), so they are written into the SQL as literals; compared values are bound.
    private mutating func jsonCondition(
        schemaID: String?, attribute: SCIMAttribute, sub: String?, _ op: SCIMCompareOperator?, _ value: SCIMFilterValue?
    ) throws(SCIMError) -> String {
        var base: [String] = []
        if let schemaID, schemaID != kind.coreSchema.id { base.append(schemaID) }
        base.append(attribute.name)
        let negate = op == .ne
        let effectiveOp: SCIMCompareOperator? = negate ? .eq : op
        if attribute.multiValued {
            let element: SCIMAttribute
            let expression: String
            if attribute.type == .complex {
                element = attribute.subAttribute(named: sub ?? "value") ?? SCIMAttribute("value")
                expression = "json_extract(j.value, '\(Self.jsonPath([element.name]))')"
            } else {
                element = attribute
                expression = "j.value"
            }
            let inner = try compare(expression, type: element.type, caseExact: element.caseExact, effectiveOp, value)
            let exists = "EXISTS (SELECT 1 FROM json_each(a.scim_json, '\(Self.jsonPath(base))') j WHERE \(inner))"
            return negate ? "(NOT \(exists))" : exists
        }
        var target = attribute
        if let sub, let found = attribute.subAttribute(named: sub) {
            target = found
            base.append(found.name)
        } else if attribute.type == .complex, op != nil {
            throw .invalidFilter("'\(attribute.name)' is complex: filter on a sub-attribute")
        }
        let expression = "json_extract(a.scim_json, '\(Self.jsonPath(base))')"
        return try compare(expression, type: target.type, caseExact: target.caseExact, op, value)
    }

    /// `emails[type eq "work" and value co "@example.com"]`: the inner filter over one value at a time.
    private mutating func valuePath(_ path: SCIMAttributePath, _ inner: SCIMFilter) throws(SCIMError) -> String {
        let (schemaID, attribute, _) = try resolve(path)
        guard attribute.multiValued, attribute.type == .complex else {
            throw .invalidFilter("'\(path)' is not a multi-valued complex attribute")
        }
        if kind == .user && attribute.name == "emails" && (schemaID == nil || schemaID == kind.coreSchema.id) {
            let rows = "EXISTS (SELECT 1 FROM account_email e WHERE e.account_id = a.id AND \(try emailInner(inner)))"
            guard Self.mentions(inner, "primary") else { return rows }
            // `primary` as the resource shows it (see emailCondition): the stored body's emails when there is one.
            let body = "EXISTS (SELECT 1 FROM json_each(a.scim_json, '$.\"emails\"') j WHERE \(try elementInner(inner, attribute)))"
            return "(CASE WHEN a.scim_json IS NULL THEN \(rows) ELSE \(body) END)"
        }
        if kind == .group || attribute.name == "groups" {
            throw .invalidFilter("'\(attribute.name)[…]' filters are not supported; use \(attribute.name).value")
        }
        var base: [String] = []
        if let schemaID, schemaID != kind.coreSchema.id { base.append(schemaID) }
        base.append(attribute.name)
        return "EXISTS (SELECT 1 FROM json_each(a.scim_json, '\(Self.jsonPath(base))') j WHERE \(try elementInner(inner, attribute)))"
    }

    /// Whether a value filter compares the sub-attribute `name`.
    static func mentions(_ filter: SCIMFilter, _ name: String) -> Bool {
        switch filter {
        case .and(let l, let r), .or(let l, let r): mentions(l, name) || mentions(r, name)
        case .not(let i), .valuePath(_, let i): mentions(i, name)
        case .present(let p), .compare(let p, _, _): p.attribute.lowercased() == name
        }
    }

    /// An inner value filter over `account_email e`.
    private mutating func emailInner(_ filter: SCIMFilter) throws(SCIMError) -> String {
        switch filter {
        case .and(let l, let r): return "(\(try emailInner(l)) AND \(try emailInner(r)))"
        case .or(let l, let r): return "(\(try emailInner(l)) OR \(try emailInner(r)))"
        case .not(let i): return "(NOT \(try emailInner(i)))"
        case .valuePath: throw .invalidFilter("value filters cannot be nested")
        case .present(let p), .compare(let p, _, _):
            var op: SCIMCompareOperator?
            var value: SCIMFilterValue?
            if case .compare(_, let o, let v) = filter { op = o; value = v }
            switch p.attribute.lowercased() {
            case "value": return try compare("e.value_key", type: .string, caseExact: true, op, value, key: EmailPolicy.key(for:))
            case "type": return try compare("e.type", type: .string, caseExact: false, op, value)
            case "primary": return try compare("e.is_primary", type: .boolean, caseExact: true, op, value)
            case "display": return op == nil || op == .ne ? (op == nil ? "0" : "1") : "0"
            default: throw .invalidFilter("emails has no sub-attribute '\(p.attribute)'")
            }
        }
    }

    /// An inner value filter over a JSON array element `j.value`.
    private mutating func elementInner(_ filter: SCIMFilter, _ attribute: SCIMAttribute) throws(SCIMError) -> String {
        switch filter {
        case .and(let l, let r): return "(\(try elementInner(l, attribute)) AND \(try elementInner(r, attribute)))"
        case .or(let l, let r): return "(\(try elementInner(l, attribute)) OR \(try elementInner(r, attribute)))"
        case .not(let i): return "(NOT \(try elementInner(i, attribute)))"
        case .valuePath: throw .invalidFilter("value filters cannot be nested")
        case .present(let p), .compare(let p, _, _):
            guard let sub = attribute.subAttribute(named: p.attribute) else {
                throw .invalidFilter("'\(attribute.name)' has no sub-attribute '\(p.attribute)'")
            }
            var op: SCIMCompareOperator?
            var value: SCIMFilterValue?
            if case .compare(_, let o, let v) = filter { op = o; value = v }
            return try compare("json_extract(j.value, '\(Self.jsonPath([sub.name]))')", type: sub.type, caseExact: sub.caseExact, op, value)
        }
    }

    /// A JSON path with quoted keys (`$."urn:…:User"."manager"`); names come from the schema, never from input.
    static func jsonPath(_ keys: [String]) -> String {
        "$" + keys.map { ".\"\($0)\"" }.joined()
    }
}
