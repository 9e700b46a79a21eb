import Foundation
import RosterCore

extension LDAPSourceSettings {
    static let keys = [
        "name", "url", "bindDN", "bindPassword", "userBaseDN", "userFilter", "groupBaseDN", "groupFilter", "mapping",
        "roles", "pageSize", "timeoutSeconds", "networkTimeoutSeconds", "startTLS", "caFile", "tlsVerify", "deprovision",
        "maxDeprovisionCount", "maxDeprovisionPercent", "allowSuperuser", "adoptAccounts", "incremental", "overlapSeconds",
        "allowInsecure",
    ]

    /// Reads every source of `ldap`, checking names are valid and unique.
    static func readAll(_ items: [Any], _ reader: inout PropertyListReader) -> [LDAPSourceSettings] {
        var sources: [LDAPSourceSettings] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "ldap[\(index)]"
            guard let dict = reader.element(item, at: path), let source = read(dict, at: path, &reader) else { continue }
            if !seen.insert(source.name).inserted {
                reader.error(.duplicateValue, "\(path).name", "another ldap source is already named '\(source.name)'")
            }
            sources.append(source)
        }
        return sources
    }

    static func read(_ dict: [String: Any], at path: String, _ reader: inout PropertyListReader) -> LDAPSourceSettings? {
        reader.rejectUnknownKeys(dict, allowed: keys, at: path)
        let name = reader.string(dict, "name", at: path, required: true)
        let url = reader.string(dict, "url", at: path, required: true)
        let base = reader.string(dict, "userBaseDN", at: path, required: true)
        if let name, name.count > 32 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            reader.error(.invalidValue, "\(path).name", "must be 1-32 letters, digits, '_' or '-'")
        }
        var scheme: String?
        if let url {
            scheme = URLComponents(string: url)?.scheme?.lowercased()
            if scheme != "ldap" && scheme != "ldaps" || URLComponents(string: url)?.host?.isEmpty != false {
                reader.error(.invalidValue, "\(path).url", "must be an ldap:// or ldaps:// URL with a host")
            }
        }
        var source = LDAPSourceSettings(name: name ?? "", url: url ?? "", userBaseDN: base ?? "")
        source.bindDN = reader.string(dict, "bindDN", at: path)
        if let secret = reader.string(dict, "bindPassword", at: path) {
            source.bindPassword = Secret(parsing: secret, baseDirectory: URL(fileURLWithPath: reader.document.file)
                .deletingLastPathComponent().path)
        }
        if source.bindPassword != nil, source.bindDN == nil {
            reader.error(.missingValue, "\(path).bindDN", "a bindPassword needs a bindDN")
        }
        source.userFilter = reader.string(dict, "userFilter", at: path)
        source.groupBaseDN = reader.string(dict, "groupBaseDN", at: path)
        source.groupFilter = reader.string(dict, "groupFilter", at: path)
        for filter in ["userFilter", "groupFilter"] {
            if let text = dict[filter] as? String, !(text.hasPrefix("(") && text.hasSuffix(")")) {
                reader.error(.invalidValue, "\(path).\(filter)", "an LDAP filter is written in parentheses, e.g. (objectClass=person)")
            }
        }
        if let mapping = reader.string(dict, "mapping", at: path) { source.mapping = mapping }
        if let roles = reader.string(dict, "roles", at: path) { source.roles = roles }
        if let value = reader.integer(dict, "pageSize", at: path, in: 1...10000) { source.pageSize = value }
        if let value = reader.integer(dict, "timeoutSeconds", at: path, in: 1...3600) { source.timeoutSeconds = value }
        if let value = reader.integer(dict, "networkTimeoutSeconds", at: path, in: 1...600) { source.networkTimeoutSeconds = value }
        if let value = reader.bool(dict, "startTLS", at: path) { source.startTLS = value }
        if source.startTLS, scheme == "ldaps" {
            reader.error(.invalidValue, "\(path).startTLS", "StartTLS cannot be used with an ldaps:// URL")
        }
        // Plain ldap:// sends the bind password and every pass-through login's password in clear: only to this
        // machine, or when the operator says so.
        if let value = reader.bool(dict, "allowInsecure", at: path) { source.allowInsecure = value }
        if scheme == "ldap", !source.startTLS, let host = url.flatMap(LoopbackHost.host(ofURL:)), !host.isEmpty,
           !LoopbackHost.contains(host) {
            if source.allowInsecure {
                reader.warning(.insecureSetting, "\(path).allowInsecure",
                               "ldap:// to \(host) without StartTLS: passwords cross the network in clear")
            } else {
                reader.error(.invalidValue, "\(path).url",
                             "ldap:// to \(host) would send passwords in clear: set startTLS, use ldaps://, or set allowInsecure")
            }
        }
        source.caFile = reader.string(dict, "caFile", at: path)
        if let ca = source.caFile, !FileManager.default.fileExists(atPath: ca) {
            reader.warning(.invalidValue, "\(path).caFile", "the file \(ca) does not exist")
        }
        if let value = reader.bool(dict, "tlsVerify", at: path) { source.tlsVerify = value }
        if !source.tlsVerify {
            reader.warning(.insecureSetting, "\(path).tlsVerify", "certificate verification is off")
        }
        if let value = reader.choice(dict, "deprovision", at: path, Deprovision.allCases.map(\.rawValue)) {
            source.deprovision = Deprovision(rawValue: value) ?? .deactivate
        }
        if let value = reader.integer(dict, "maxDeprovisionCount", at: path, in: 0...10_000_000) { source.maxDeprovisionCount = value }
        if let value = reader.number(dict, "maxDeprovisionPercent", at: path, in: 0...100) { source.maxDeprovisionPercent = value }
        if let value = reader.bool(dict, "allowSuperuser", at: path) { source.allowSuperuser = value }
        if let value = reader.bool(dict, "adoptAccounts", at: path) { source.adoptAccounts = value }
        if let value = reader.bool(dict, "incremental", at: path) { source.incremental = value }
        if let value = reader.integer(dict, "overlapSeconds", at: path, in: 0...86400) { source.overlapSeconds = value }
        return name == nil ? nil : source
    }
}
