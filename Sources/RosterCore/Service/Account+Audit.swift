extension Account {
    /// The fields the audit log records for an account (never the password hash).
    public var auditSnapshot: AuditSnapshot {
        [
            "userName": .string(userName),
            "displayName": .optional(displayName),
            "givenName": .optional(givenName),
            "familyName": .optional(familyName),
            "emails": .list(emails.map { $0.primary ? "\($0.value) (primary)" : $0.value }),
            "active": .bool(active),
            "role": .string(role.rawValue),
            "authMethod": .string(authMethod.rawValue),
            "source": .string(source.rawValue),
            "mustChangePassword": .bool(mustChangePassword),
        ]
    }
}

extension AuditSnapshot {
    /// The fields of `self` and `other` whose values differ: (before, after).
    public func changes(to other: AuditSnapshot) -> (before: AuditSnapshot, after: AuditSnapshot) {
        var before: AuditSnapshot = [:]
        var after: AuditSnapshot = [:]
        for key in Set(keys).union(other.keys) where self[key] != other[key] {
            before[key] = self[key] ?? .null
            after[key] = other[key] ?? .null
        }
        return (before, after)
    }
}
