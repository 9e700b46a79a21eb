extension RoleRules {
    /// Builds the rules from a parsed `roles.plist`: `rules` (an array of `{group, role}`) and `defaultRole`.
    ///
    /// `dnKey` normalises DNs written in `group`; `file` names the file in messages. Every problem is collected and
    /// thrown as one `invalidArgument` error with one `file: keyPath: message` line per problem.
    public static func fromPropertyList(
        _ dict: [String: Any], file: String, dnKey: (String) -> String
    ) throws(RosterError) -> RoleRules {
        var reader = PropertyListReader(file: file)
        reader.rejectUnknownKeys(dict, allowed: ["rules", "defaultRole"], at: "")
        let defaultRole = readRole(dict, "defaultRole", at: "", &reader)
        var rules: [RoleRule] = []
        for (index, item) in (reader.array(dict, "rules", at: "") ?? []).enumerated() {
            let path = "rules[\(index)]"
            guard let entry = item as? [String: Any] else {
                reader.report(path, "expected a dictionary with group and role")
                continue
            }
            reader.rejectUnknownKeys(entry, allowed: ["group", "role"], at: path)
            let group = reader.string(entry, "group", at: path)
            let role = readRole(entry, "role", at: path, &reader)
            if let group, let role {
                rules.append(RoleRule(group: group, role: role, dnKey: dnKey))
            }
        }
        try reader.throwIfProblems("invalid role rules")
        guard let defaultRole else { throw RosterError(.invalidArgument, "\(file): invalid role rules") }
        return RoleRules(rules: rules, defaultRole: defaultRole)
    }

    private static func readRole(_ dict: [String: Any], _ key: String, at path: String, _ reader: inout PropertyListReader) -> Role? {
        guard let text = reader.string(dict, key, at: path) else { return nil }
        guard let role = Role(parsing: text) else {
            let names = Role.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(PropertyListReader.path(path, key), "unknown role '\(text)' (expected one of \(names))")
            return nil
        }
        return role
    }
}
