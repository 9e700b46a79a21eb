import Foundation

extension SCIMSettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> SCIMSettings {
        var s = SCIMSettings()
        let at = "scim"
        reader.rejectUnknownKeys(dict, allowed: [
            "enabled", "host", "port", "tlsCertificate", "tlsKey", "maxBodyBytes", "requestsPerMinute", "maxPageSize",
            "burst", "idleTimeoutSeconds", "publicBaseURL",
            "bulkMaxOperations", "bulkMaxPayloadBytes", "deprovision", "roles", "allowSuperuser", "maxRole", "clients", "adoptAccounts", "strict",
            "authMethod",
        ], at: at)
        if let v = reader.bool(dict, "enabled", at: at) { s.enabled = v }
        if let v = reader.string(dict, "host", at: at) { s.host = v }
        if let v = reader.integer(dict, "port", at: at, in: 0...65535) { s.port = v }
        s.tlsCertificate = reader.string(dict, "tlsCertificate", at: at)
        s.tlsKey = reader.string(dict, "tlsKey", at: at)
        if (s.tlsCertificate == nil) != (s.tlsKey == nil) {
            reader.error(.missingValue, s.tlsCertificate == nil ? "scim.tlsCertificate" : "scim.tlsKey",
                         "TLS needs both tlsCertificate and tlsKey")
        }
        if let v = reader.integer(dict, "maxBodyBytes", at: at, in: 1024...1_073_741_824) { s.maxBodyBytes = v }
        if let v = reader.integer(dict, "requestsPerMinute", at: at, in: 1...10_000_000) { s.requestsPerMinute = v }
        if let v = reader.integer(dict, "burst", at: at, in: 1...10_000_000) { s.burst = v }
        if let v = reader.integer(dict, "idleTimeoutSeconds", at: at, in: 1...3600) { s.idleTimeoutSeconds = v }
        s.publicBaseURL = reader.string(dict, "publicBaseURL", at: at)
        if let url = s.publicBaseURL {
            let parts = URLComponents(string: url)
            if !["http", "https"].contains(parts?.scheme?.lowercased() ?? "") || parts?.host?.isEmpty != false
                || parts?.query != nil || parts?.fragment != nil {
                reader.error(.invalidValue, "scim.publicBaseURL", "must be an http:// or https:// URL with a host (https://roster.example.com)")
            }
        }
        if let v = reader.integer(dict, "maxPageSize", at: at, in: 1...10000) { s.maxPageSize = v }
        if let v = reader.integer(dict, "bulkMaxOperations", at: at, in: 1...100_000) { s.bulkMaxOperations = v }
        if let v = reader.integer(dict, "bulkMaxPayloadBytes", at: at, in: 1024...1_073_741_824) { s.bulkMaxPayloadBytes = v }
        if let v = reader.choice(dict, "deprovision", at: at, ["deactivate", "delete"]) {
            s.deprovision = LDAPSourceSettings.Deprovision(rawValue: v) ?? .deactivate
        }
        if let v = reader.string(dict, "roles", at: at) { s.roles = v }
        if dict["allowSuperuser"] != nil {
            // One switch for every client let any client mint superusers; roles are now granted per client.
            reader.error(.invalidValue, "scim.allowSuperuser",
                         "replaced by scim.maxRole and scim.clients.NAME.maxRole (the highest role each client may give)")
        }
        let roles = ["guest", "member", "admin", "superuser"]
        if let v = reader.choice(dict, "maxRole", at: at, roles) { s.maxRole = v }
        for (name, item) in reader.dictionary(dict, "clients", at: at) ?? [:] {
            let path = PropertyListReader.path("scim.clients", name)
            guard let entry = reader.element(item, at: path) else { continue }
            reader.rejectUnknownKeys(entry, allowed: ["roles", "maxRole"], at: path)
            s.clients[name] = SCIMClientRoles(roles: reader.string(entry, "roles", at: path),
                                              maxRole: reader.choice(entry, "maxRole", at: path, roles))
        }
        if let v = reader.bool(dict, "adoptAccounts", at: at) { s.adoptAccounts = v }
        if let v = reader.bool(dict, "strict", at: at) { s.strict = v }
        if let v = reader.choice(dict, "authMethod", at: at, ["saml", "password", "pam", "ldap"]) { s.authMethod = v }
        return s
    }
}

extension SignupSettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> SignupSettings {
        var s = SignupSettings()
        reader.rejectUnknownKeys(dict, allowed: ["enabled", "domains", "verificationHours"], at: "signup")
        if let v = reader.bool(dict, "enabled", at: "signup") { s.enabled = v }
        if let v = reader.integer(dict, "verificationHours", at: "signup", in: 1...720) { s.verificationHours = v }
        for (index, item) in (reader.array(dict, "domains", at: "signup") ?? []).enumerated() {
            let at = "signup.domains[\(index)]"
            guard let entry = reader.element(item, at: at) else { continue }
            reader.rejectUnknownKeys(entry, allowed: ["domain", "authMethod", "role", "includeSubdomains"], at: at)
            guard let name = reader.string(entry, "domain", at: at, required: true) else { continue }
            var domain = Domain(domain: name.lowercased())
            if let v = reader.choice(entry, "authMethod", at: at, ["password", "pam", "saml"]) { domain.authMethod = v }
            if let v = reader.choice(entry, "role", at: at, ["member", "guest"]) { domain.role = v }
            if let v = reader.bool(entry, "includeSubdomains", at: at) { domain.includeSubdomains = v }
            s.domains.append(domain)
        }
        return s
    }
}

extension SMTPSettings {
    static func read(_ dict: [String: Any], baseDirectory: String, _ reader: inout PropertyListReader) -> SMTPSettings? {
        let at = "smtp"
        reader.rejectUnknownKeys(dict, allowed: ["url", "username", "password", "from", "linkBaseURL", "timeoutSeconds",
                                                 "caFile", "tlsVerify"], at: at)
        let url = reader.string(dict, "url", at: at, required: true)
        let from = reader.string(dict, "from", at: at, required: true)
        let link = reader.string(dict, "linkBaseURL", at: at, required: true)
        if let url, !["smtp", "smtps"].contains(URLComponents(string: url)?.scheme?.lowercased() ?? "") {
            reader.error(.invalidValue, "smtp.url", "must be an smtp:// or smtps:// URL")
        }
        if let link, !["http", "https"].contains(URLComponents(string: link)?.scheme?.lowercased() ?? "") {
            reader.error(.invalidValue, "smtp.linkBaseURL", "must be an http:// or https:// URL")
        }
        guard let url, let from, let link else { return nil }
        var s = SMTPSettings(url: url, from: from, linkBaseURL: link)
        s.username = reader.string(dict, "username", at: at)
        if let secret = reader.string(dict, "password", at: at) {
            s.password = Secret(parsing: secret, baseDirectory: baseDirectory)
        }
        if let v = reader.integer(dict, "timeoutSeconds", at: at, in: 1...600) { s.timeoutSeconds = v }
        s.caFile = reader.string(dict, "caFile", at: at)
        if let v = reader.bool(dict, "tlsVerify", at: at) { s.tlsVerify = v }
        if !s.tlsVerify { reader.warning(.insecureSetting, "smtp.tlsVerify", "certificate verification is off") }
        return s
    }
}
