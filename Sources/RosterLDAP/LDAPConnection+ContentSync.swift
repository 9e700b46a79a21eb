extension LDAPConnection {
    /// One RFC 4533 refreshOnly search with `cookie` (empty: no cookie, i.e. the whole content). The added and
    /// modified entries go to `consume` as they arrive; the rest is in the result (see ``ContentSyncRefresh``).
    /// Throws when the server refuses or cannot serve it (no syncprov, not permitted, a size limit,
    /// `e-syncRefreshRequired`): the caller then reads without content sync. `request.pageSize` is ignored (a sync
    /// search is never paged) and ranged attributes are not supported.
    public func contentSyncRefresh(
        _ request: LDAPSearchRequest, cookie: [UInt8], consume: ([LDAPEntry]) throws -> Void
    ) throws -> ContentSyncRefresh {
        try handle.contentSyncRefresh(base: request.base, scope: request.scope.rawValue, filter: request.filter,
                                      attributes: request.attributes, cookie: cookie, onEntries: consume)
    }
}
