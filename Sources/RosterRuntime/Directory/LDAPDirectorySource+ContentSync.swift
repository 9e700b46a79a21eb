import Foundation
import RosterCore
import RosterLDAP

/// RFC 4533 content synchronisation (refreshOnly with a cookie) for changed OpenLDAP directories.
///
/// Decisions:
/// - Used only where it is exact: an OpenLDAP directory with syncprov (its `contextCSN` is the run's marker) and a
///   mapping anchored by `entryUUID` as text on users and groups (the Sync State control names entries by their
///   entryUUID), on an incremental run (never `--full`) whose stored cookies come from a settled run with the same
///   mapping, rules, filters and bases.
/// - The users' and the groups' searches each send the Sync Request control (critical, refreshOnly, the search's own
///   cookie, reloadHint FALSE), unpaged: OpenLDAP ends a sync search combined with paged results after the first
///   page. The bind DN therefore needs a size limit above the number of entries changed between two runs (a
///   replication consumer's `limits`); past it the refresh fails and the run scans.
/// - A **delete phase** (syncprov's session log covers the cookie) names the changed entries and the deleted ones:
///   every other stored account is still in scope, no anchor is scanned. A **present phase** names every unchanged
///   entry by UUID: that set replaces the anchor scan.
/// - Groups that changed (their content digest differs from the stored one, a new group, or a stored group was
///   deleted) can change the role of any user, which needs every user's membership keys: that run reads as without
///   content sync (the anchor scan), keeping the refresh's new cookies.
/// - Groups unchanged: no unchanged user's role or membership can have changed (a user's role depends only on the
///   groups and on its own DN and uid). Only known users modified: a quiet run, with their stored roles. Users added,
///   renamed, moved or deleted: the groups are read in full, the changed users' roles and memberships resolved against
///   them, and the group mirror changes only for the changed and deleted users (`membershipAnchors`).
/// - syncprov's session log also names entries outside the search modified since the cookie as deleted ("no longer
///   matching"): such UUIDs match no account and change nothing, but make the run take the second path.
/// - Any failure of the refresh (no syncprov, the control refused or not permitted, `e-syncRefreshRequired`, a size
///   limit, no cookie in the answer) leaves the run to today's watermark and anchor scan, with a report note.
extension LDAPDirectorySource {
    enum ContentSyncOutcome {
        case read(DirectorySnapshot)
        /// Content sync was not used; why, for the report's notes.
        case notUsed(String)
    }

    /// The keys of the cookies in ``SyncState/contentSyncCookies``.
    static let userCookieKey = "users"
    static let groupCookieKey = "groups"

    /// Whether this source can use content sync at all: OpenLDAP's marker (syncprov runs) and entryUUID anchors.
    func usesContentSync(marker: String?) -> Bool {
        guard marker?.hasPrefix("csn:") == true, mapping.anchorFormat == .string else { return false }
        let isUUID = { (attributes: [String]) in attributes.count == 1 && attributes[0].lowercased() == "entryuuid" }
        return isUUID(mapping.anchorAttributes) && isUUID(mapping.groupAnchorAttributes)
    }

    /// Cookies for the directory as it is now, before a read without content sync: a refresh without cookie on the
    /// base entry of each search only (one entry), which answers with the current cookie.
    func freshCookies(_ connection: LDAPConnection) async throws -> [String: String] {
        var cookies: [String: String] = [:]
        var bases = [(Self.userCookieKey, settings.userBaseDN)]
        if let groupBase = settings.groupBaseDN { bases.append((Self.groupCookieKey, groupBase)) }
        for (key, base) in bases {
            let request = LDAPSearchRequest(base: base, scope: .base, filter: "(objectClass=*)", attributes: ["1.1"],
                                            pageSize: nil)
            let refresh = try await connection.contentSyncRefresh(request, cookie: []) { _ in }
            guard !refresh.cookie.isEmpty else { throw ContentSyncError.noCookie }
            cookies[key] = Data(refresh.cookie).base64EncodedString()
        }
        return cookies
    }

    /// An incremental read through content sync, or why it was not used.
    func contentSyncRead(
        _ connection: LDAPConnection, state: SyncState, quick: Bool, groupDigests: [String: String], marker: String?
    ) async throws -> ContentSyncOutcome {
        guard state.rulesDigest == rulesDigest, let stored = state.contentSyncCookies,
              let userCookie = stored[Self.userCookieKey].flatMap({ Data(base64Encoded: $0) }) else {
            return .notUsed("content sync (RFC 4533): no cookie from a settled run with these rules yet; read with the anchor scan")
        }
        let groupCookie = stored[Self.groupCookieKey].flatMap { Data(base64Encoded: $0) }
        if settings.groupBaseDN != nil, groupCookie == nil {
            return .notUsed("content sync (RFC 4533): no group cookie yet; read with the anchor scan")
        }
        let converter = LDAPEntryConverter(mapping: mapping)
        var users: [DirectoryUser] = []
        var changedAnchors: Set<String> = []
        var skipped = 0
        var watermark = state.watermark
        var groups: [DirectoryGroup] = []
        let userRefresh: ContentSyncRefresh
        var groupRefresh: ContentSyncRefresh?
        do {
            let userFilter = LDAPFilter.raw(settings.userFilter ?? mapping.userFilter)
            userRefresh = try await connection.contentSyncRefresh(
                request(settings.userBaseDN, userFilter, mapping.userAttributes), cookie: Array(userCookie)
            ) { entries in
                for entry in entries {
                    if let anchor = converter.userAnchor(entry) { changedAnchors.insert(anchor) }
                    if let user = converter.user(entry) { users.append(user) } else { skipped += 1 }
                    watermark = Self.later(watermark, converter.watermark(entry), kind: mapping.modifyWatermark)
                }
                progress("users", users.count)
            }
            if let base = settings.groupBaseDN, let groupCookie {
                let filter = LDAPFilter.raw(settings.groupFilter ?? mapping.groupFilter)
                groupRefresh = try await connection.contentSyncRefresh(
                    request(base, filter, mapping.groupAttributes), cookie: Array(groupCookie)
                ) { entries in
                    for entry in entries {
                        if let group = converter.group(entry) { groups.append(group) }
                        watermark = Self.later(watermark, converter.watermark(entry), kind: mapping.modifyWatermark)
                    }
                }
            }
        } catch let error as LDAPError {
            return .notUsed("content sync (RFC 4533) refused by the server (\(error)); read with the anchor scan")
        }
        guard !userRefresh.cookie.isEmpty, groupRefresh.map({ !$0.cookie.isEmpty }) ?? true else {
            return .notUsed("content sync (RFC 4533): the server did not accept the stored cookie; read with the anchor scan")
        }
        var cookies = [Self.userCookieKey: Data(userRefresh.cookie).base64EncodedString()]
        if let groupRefresh { cookies[Self.groupCookieKey] = Data(groupRefresh.cookie).base64EncodedString() }
        let groupsChanged = groupRefresh.map { refresh in
            // A changed group counts unless its content is the stored one (a new group may match a rule's pattern);
            // a deleted UUID counts if it was a stored group (syncprov's session log may also name entries outside
            // the search, such as users renamed), or always when no digest is at hand.
            groups.contains { digests(groupDigests, has: $0) != true }
                || refresh.deleted.contains { groupDigests.isEmpty || groupDigests[$0] != nil }
                || (refresh.presentPhase && refresh.present.count + refresh.changed != state.scopeGroups)
        } ?? false
        let summary = "content sync (RFC 4533): \(userRefresh.changed) user entr\(userRefresh.changed == 1 ? "y" : "ies") "
            + "changed, " + (userRefresh.presentPhase ? "\(userRefresh.present.count) unchanged named (present phase)"
                : "\(userRefresh.deleted.count) deleted or out of scope (delete phase)")
        let why: String? = if groupsChanged {
            // Roles of any user may have changed: every user's membership keys are needed.
            "groups changed, so every user's membership keys are read (anchor scan)"
        } else if skipped > 0 {
            "\(skipped) changed entr\(skipped == 1 ? "y has" : "ies have") no anchor attribute (anchor scan)"
        } else {
            nil
        }
        if let why {
            var snapshot = try await scanRead(connection, state: state, since: state.watermark.flatMap(overlapped),
                                              quick: quick, groupDigests: groupDigests, marker: marker) { _, _ in }
            snapshot.changeMethod = "scan"
            snapshot.contentSyncCookies = cookies
            snapshot.notes = [summary + "; " + why]
            return .read(snapshot)
        }
        // Groups are unchanged, so no unchanged user's role or membership changed. In scope: with a present phase
        // exactly the entries named; with a delete phase every stored one but those deleted (resolved against the
        // store by the run).
        let scope = userRefresh.presentPhase ? userRefresh.present.union(changedAnchors) : nil
        let removed = userRefresh.presentPhase ? nil : userRefresh.deleted.subtracting(changedAnchors)
        let builder = DirectorySnapshotBuilder(mapping: mapping, rules: rules, allowSuperuser: settings.allowSuperuser)
        var snapshot: DirectorySnapshot
        let nothingLeft = scope.map { $0.count == state.scopeAccounts } ?? (removed?.isEmpty ?? true)
        if quick, nothingLeft {
            // Only the changed users are planned, with their stored roles (the run reads again with `quick: false`
            // if one of them is new, renamed or moved).
            let built = builder.build(users: users, groups: nil)
            snapshot = DirectorySnapshot(accounts: built.accounts, inScopeAnchors: scope, watermark: watermark,
                                         mode: "incremental")
            snapshot.quiet = true
            snapshot.removedAnchors = removed
        } else {
            // A new, renamed or moved user, or deleted ones: the changed users' roles and memberships come from the
            // groups read in full (a user's role depends on the groups only), and the group mirror changes only for
            // the changed and deleted users.
            var list: [DirectoryGroup] = []
            var reasons: [String] = []
            if let base = settings.groupBaseDN {
                let groupsComplete = try await connection.search(
                    request(base, .raw(settings.groupFilter ?? mapping.groupFilter), mapping.groupAttributes)
                ) { entries in
                    list += entries.compactMap(converter.group)
                }
                reasons += groupsComplete.reasons.map { "groups: \($0)" }
            }
            let built = builder.build(users: users, groups: settings.groupBaseDN == nil ? nil : list)
            snapshot = DirectorySnapshot(
                accounts: built.accounts, groups: built.groups, inScopeAnchors: scope, incompleteReasons: reasons,
                watermark: watermark, mode: "incremental", warnings: built.warnings)
            snapshot.removedAnchors = removed
            snapshot.membershipAnchors = changedAnchors.union(removed ?? [])
        }
        snapshot.scopeAccountCount = scope?.count
        snapshot.scopeGroupCount = state.scopeGroups
        snapshot.rulesDigest = rulesDigest
        snapshot.directoryMarker = marker
        snapshot.changeMethod = "rfc4533"
        snapshot.contentSyncCookies = cookies
        snapshot.notes = [summary + "; no anchor scan"]
        return .read(snapshot)
    }

    /// Whether a group read now still has the content digest stored at the last run (nil: not stored).
    private func digests(_ stored: [String: String], has group: DirectoryGroup) -> Bool? {
        stored[group.anchor].map { $0 == DirectorySnapshotBuilder.digest(group) }
    }
}
