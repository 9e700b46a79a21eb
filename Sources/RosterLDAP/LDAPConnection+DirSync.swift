extension LDAPConnection {
    /// A DirSync search (Active Directory, Samba) from `cookie` (empty: none), repeated with the new cookie while the
    /// server says more data is waiting (at most `maxRounds`). The base must be the root of a naming context.
    /// Throws when the server refuses or cannot serve it (not permitted, a cookie it cannot use, an unknown control).
    public func dirSync(
        base: String, filter: String, attributes: [String], flags: Int32 = 0, cookie: [UInt8], maxRounds: Int = 1000
    ) throws -> DirSyncResult {
        var result = DirSyncResult()
        var cookie = cookie
        repeat {
            let round = try handle.dirSyncRound(base: base, filter: filter, attributes: attributes, flags: flags,
                                                cookie: cookie)
            result.entries += round.entries
            result.rounds += 1
            guard !round.cookie.isEmpty else {
                result.cookie = []
                return result
            }
            cookie = round.cookie
            result.cookie = round.cookie
            if !round.more { return result }
        } while result.rounds < maxRounds
        throw LDAPError(code: .localError, operation: "DirSync search (still more data after \(maxRounds) rounds)")
    }
}
