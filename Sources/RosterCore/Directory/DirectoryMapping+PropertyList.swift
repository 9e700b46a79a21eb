extension DirectoryMapping {
    static let propertyListKeys = [
        "name", "userFilter", "groupFilter", "anchorAttributes", "anchorFormat", "groupAnchorAttributes",
        "userNameAttributes", "displayNameAttribute", "givenNameAttribute", "familyNameAttribute", "emailAttributes",
        "disabled", "membership", "groupNameAttribute", "groupDisplayNameAttribute", "modifyWatermark",
    ]

    /// Builds a mapping from a parsed property list (a `Mappings/*.plist` file); `source` names the file in messages.
    ///
    /// Every problem is collected (unknown keys, wrong types, missing keys, unknown values) and thrown as one
    /// `invalidArgument` error whose `details` hold one `source: keyPath: message` line each,
    /// e.g. `ad.plist: disabled.kind: missing required key`.
    public static func fromPropertyList(_ dict: [String: Any], source: String) throws(RosterError) -> DirectoryMapping {
        var reader = PropertyListReader(file: source)
        reader.rejectUnknownKeys(dict, allowed: propertyListKeys, at: "")
        let name = reader.string(dict, "name", at: "")
        let userFilter = reader.string(dict, "userFilter", at: "")
        let groupFilter = reader.string(dict, "groupFilter", at: "")
        let anchorAttributes = reader.strings(dict, "anchorAttributes", at: "")
        let anchorFormat = reader.choice(dict, "anchorFormat", at: "", required: false,
                                         AnchorFormat.allCases.map { ($0.rawValue, $0) }) ?? .string
        let groupAnchorAttributes = reader.strings(dict, "groupAnchorAttributes", at: "")
        let userNameAttributes = reader.strings(dict, "userNameAttributes", at: "")
        let displayName = reader.string(dict, "displayNameAttribute", at: "", required: false)
        let givenName = reader.string(dict, "givenNameAttribute", at: "", required: false)
        let familyName = reader.string(dict, "familyNameAttribute", at: "", required: false)
        let emails = reader.strings(dict, "emailAttributes", at: "", required: false, allowEmpty: true) ?? []
        let disabled = reader.dictionary(dict, "disabled", at: "", required: false)
            .flatMap { readDisabledRule($0, at: "disabled", &reader) } ?? DisabledRule.none
        let membership = reader.array(dict, "membership", at: "").flatMap { readMembership($0, at: "membership", &reader) }
        let groupName = reader.string(dict, "groupNameAttribute", at: "", required: false) ?? "cn"
        let groupDisplayName = reader.string(dict, "groupDisplayNameAttribute", at: "", required: false)
        let watermark = reader.choice(dict, "modifyWatermark", at: "", WatermarkKind.allCases.map { ($0.rawValue, $0) })

        try reader.throwIfProblems("invalid directory mapping")
        guard let name, let userFilter, let groupFilter, let anchorAttributes, let groupAnchorAttributes,
              let userNameAttributes, let membership, let watermark
        else {
            throw RosterError(.invalidArgument, "\(source): invalid directory mapping")
        }
        return DirectoryMapping(
            name: name, userFilter: userFilter, groupFilter: groupFilter, anchorAttributes: anchorAttributes,
            anchorFormat: anchorFormat, groupAnchorAttributes: groupAnchorAttributes,
            userNameAttributes: userNameAttributes, displayNameAttribute: displayName, givenNameAttribute: givenName,
            familyNameAttribute: familyName, emailAttributes: emails, disabled: disabled, membership: membership,
            groupNameAttribute: groupName, groupDisplayNameAttribute: groupDisplayName, modifyWatermark: watermark
        )
    }

    private static func readDisabledRule(_ dict: [String: Any], at path: String, _ reader: inout PropertyListReader) -> DisabledRule? {
        let kinds = ["none", "userAccountControlBit", "booleanAttribute", "presence", "anyOf"]
        guard let kind = reader.choice(dict, "kind", at: path, kinds.map { ($0, $0) }) else {
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute", "mask", "disabledWhen", "rules"], at: path)
            return nil
        }
        switch kind {
        case "none":
            reader.rejectUnknownKeys(dict, allowed: ["kind"], at: path)
            return DisabledRule.none
        case "userAccountControlBit":
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute", "mask"], at: path)
            let attribute = reader.string(dict, "attribute", at: path)
            let mask = reader.integer(dict, "mask", at: path)
            if let mask, mask <= 0 { reader.report(PropertyListReader.path(path, "mask"), "must be a positive bit mask") }
            guard let attribute, let mask, mask > 0 else { return nil }
            return .userAccountControlBit(attribute: attribute, mask: mask)
        case "booleanAttribute":
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute", "disabledWhen"], at: path)
            let attribute = reader.string(dict, "attribute", at: path)
            let disabledWhen = reader.string(dict, "disabledWhen", at: path)
            guard let attribute, let disabledWhen else { return nil }
            return .booleanAttribute(attribute: attribute, disabledWhen: disabledWhen)
        case "anyOf":
            reader.rejectUnknownKeys(dict, allowed: ["kind", "rules"], at: path)
            guard let items = reader.array(dict, "rules", at: path) else { return nil }
            let rulesPath = PropertyListReader.path(path, "rules")
            guard !items.isEmpty else {
                reader.report(rulesPath, "must list at least one rule")
                return nil
            }
            var rules: [DisabledRule] = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(rulesPath)[\(index)]"
                guard let rule = item as? [String: Any] else {
                    reader.report(itemPath, "expected a dictionary")
                    return nil
                }
                if (rule["kind"] as? String) == "anyOf" {
                    reader.report(PropertyListReader.path(itemPath, "kind"), "anyOf cannot be nested")
                    return nil
                }
                guard let parsed = readDisabledRule(rule, at: itemPath, &reader) else { return nil }
                rules.append(parsed)
            }
            return .anyOf(rules)
        default:
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute"], at: path)
            return reader.string(dict, "attribute", at: path).map { .presence(attribute: $0) }
        }
    }

    private static func readMembership(_ items: [Any], at path: String, _ reader: inout PropertyListReader) -> [MembershipStyle]? {
        guard !items.isEmpty else {
            reader.report(path, "must list at least one membership style")
            return nil
        }
        var styles: [MembershipStyle] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let dict = item as? [String: Any] else {
                reader.report(itemPath, "expected a dictionary")
                valid = false
                continue
            }
            guard let style = readMembershipStyle(dict, at: itemPath, &reader) else {
                valid = false
                continue
            }
            if styles.contains(where: { $0.kind == style.kind }) {
                reader.report(PropertyListReader.path(itemPath, "kind"), "'\(style.kind)' is listed twice")
                valid = false
            }
            styles.append(style)
        }
        return valid ? styles : nil
    }

    private static func readMembershipStyle(_ dict: [String: Any], at path: String, _ reader: inout PropertyListReader) -> MembershipStyle? {
        let kinds = ["memberDNs", "memberUid", "memberOf"]
        guard let kind = reader.choice(dict, "kind", at: path, kinds.map { ($0, $0) }) else {
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attributes", "ranged", "attribute", "userAttribute"], at: path)
            return nil
        }
        switch kind {
        case "memberDNs":
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attributes", "ranged"], at: path)
            let attributes = reader.strings(dict, "attributes", at: path)
            let ranged = reader.bool(dict, "ranged", at: path, required: false) ?? false
            return attributes.map { .memberDNs(attributes: $0, ranged: ranged) }
        case "memberUid":
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute", "userAttribute"], at: path)
            let attribute = reader.string(dict, "attribute", at: path)
            let userAttribute = reader.string(dict, "userAttribute", at: path, required: false) ?? "uid"
            return attribute.map { .memberUid(attribute: $0, userAttribute: userAttribute) }
        default:
            reader.rejectUnknownKeys(dict, allowed: ["kind", "attribute"], at: path)
            return reader.string(dict, "attribute", at: path).map { .memberOf(attribute: $0) }
        }
    }
}
