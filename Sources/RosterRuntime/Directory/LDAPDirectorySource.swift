import Foundation
import Logging
import RosterConfig
import RosterCore
import RosterLDAP

/// An LDAP directory as a sync source: connects, reads users and groups (paged, ranged attributes to the end),
/// maps them, resolves nested groups and roles, and reports whether every search completed.
///
/// Full reads read everything. Incremental reads (a stored watermark, `incremental` on, no `--full`) read the users
/// changed since the watermark minus `overlapSeconds` in full, the anchors (and membership keys) of every user in
/// scope to see deletions and resolve roles, and every group in full (roles depend on the whole graph). On OpenLDAP
/// with syncprov an incremental read asks for the changes since the last settled run's cookie instead (RFC 4533,
/// `LDAPDirectorySource+ContentSync.swift`), and on Active Directory through DirSync with the last settled run's
/// cookie (`LDAPDirectorySource+DirSync.swift`); both fall back to the scan when the server refuses.
public struct LDAPDirectorySource: DirectorySource {
    public let settings: LDAPSourceSettings
    public let mapping: DirectoryMapping
    public let rules: RoleRules
    public let password: String?
    public let logger: Logger
    /// Called with a phase name and the entries read so far.
    public let progress: @Sendable (String, Int) -> Void

    public var source: AccountSource { .ldap(settings.name) }

    public init(settings: LDAPSourceSettings, mapping: DirectoryMapping, rules: RoleRules, password: String?,
                logger: Logger, progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }) {
        self.settings = settings
        self.mapping = mapping
        self.rules = rules
        self.password = password
        self.logger = logger
        self.progress = progress
    }

    public func snapshot(
        state: SyncState?, full: Bool, quick: Bool, groupDigests: [String: String]
    ) async throws -> DirectorySnapshot {
        let connection: LDAPConnection
        do {
            connection = try await LDAPConnection(
                LDAPConnectionOptions(url: settings.url, startTLS: settings.startTLS, caFile: settings.caFile,
                                      tlsVerify: settings.tlsVerify, networkTimeout: settings.networkTimeoutSeconds,
                                      operationTimeout: settings.timeoutSeconds),
                bindDN: settings.bindDN, password: password)
        } catch {
            throw RosterError(.internalFailure, "cannot connect to ldap:\(settings.name) at \(settings.url): \(error)")
        }
        let clock = ContinuousClock()
        var phaseStart = clock.now
        let logger = logger
        func phase(_ name: String, _ count: Int) {
            let elapsed = clock.now - phaseStart
            logger.debug("Directory read phase", metadata: [
                "sync.phase": "\(name)", "sync.entries": "\(count)", "sync.seconds": "\(elapsed)"])
            phaseStart = clock.now
        }
        phase("connect", 0)
        // Read before any entry: a write landing during this run changes the marker the next run compares with.
        let marker = await DirectoryMarker.read(connection, bases: [settings.userBaseDN] + (settings.groupBaseDN.map { [$0] } ?? []))
        let since = full || !settings.incremental ? nil : state?.watermark.flatMap(overlapped)
        if since != nil, let marker, let state, marker == state.directoryMarker, state.rulesDigest == rulesDigest {
            phase("unchanged", 0)
            var snapshot = DirectorySnapshot(accounts: [], watermark: state.watermark, mode: "incremental")
            snapshot.unchanged = true
            snapshot.directoryMarker = marker
            snapshot.changeMethod = "marker"
            return snapshot
        }
        var notes: [String] = []
        let contentSync = usesContentSync(marker: marker)
        if since != nil, contentSync, let state {
            switch try await contentSyncRead(connection, state: state, quick: quick, groupDigests: groupDigests,
                                             marker: marker) {
            case .read(let snapshot):
                phase("content sync", snapshot.accounts.count)
                return snapshot
            case .notUsed(let why):
                notes.append(why)
            }
        }
        // Active Directory: DirSync with the stored cookie of the same DC.
        let dirSync = usesDirSync(marker: marker)
        var dirSyncRefused = false
        if since != nil, dirSync, let state {
            switch try await dirSyncRead(connection, state: state, quick: quick, groupDigests: groupDigests,
                                         marker: marker, phase: phase) {
            case .read(let snapshot):
                phase("dirsync", snapshot.accounts.count)
                return snapshot
            case .notUsed(let why, let refused):
                notes.append(why)
                dirSyncRefused = refused
            }
        }
        // Every read without content sync takes fresh cookies first (like the marker, before any entry), so that the
        // next run can ask for the changes since this one.
        var cookies: [String: String]?
        if contentSync {
            do {
                cookies = try await freshCookies(connection)
            } catch {
                notes.append("content sync (RFC 4533) not available: \(error); the next run scans again")
            }
        } else if dirSync, !dirSyncRefused {
            do {
                cookies = try await freshDirSyncCookies(connection, marker: marker)
            } catch {
                notes.append("DirSync not available (\(error)); the next run scans again")
            }
        }
        var snapshot = try await scanRead(connection, state: state, since: since, quick: quick, groupDigests: groupDigests,
                                          marker: marker, phase: phase)
        snapshot.changeMethod = since == nil ? "full" : "scan"
        snapshot.contentSyncCookies = cookies
        snapshot.notes = notes
        return snapshot
    }

    /// The read without content sync: everything (`since` nil), or the users changed since the watermark plus
    /// every anchor in scope (and the groups unless the run is quiet).
    func scanRead(
        _ connection: LDAPConnection, state: SyncState?, since: String?, quick: Bool, groupDigests: [String: String],
        marker: String?, phase: (String, Int) -> Void
    ) async throws -> DirectorySnapshot {
        let converter = LDAPEntryConverter(mapping: mapping)
        var reasons: [String] = []
        var watermark = state?.watermark
        do {
            // Users read in full: all of them, or those changed since the watermark.
            var users: [DirectoryUser] = []
            var skipped = 0
            let userFilter = LDAPFilter.raw(settings.userFilter ?? mapping.userFilter)
            let fullFilter = since.map { LDAPFilter.and([userFilter, .greaterOrEqual(mapping.modifyWatermark.attribute, $0)]) }
                ?? userFilter
            let usersComplete = try await connection.search(request(settings.userBaseDN, fullFilter, mapping.userAttributes)) {
                for entry in $0 {
                    if let user = converter.user(entry) { users.append(user) } else { skipped += 1 }
                    watermark = Self.later(watermark, converter.watermark(entry), kind: mapping.modifyWatermark)
                }
                progress("users", users.count)
            }
            phase("users", users.count)
            reasons += usersComplete.reasons.map { "users: \($0)" }
            if skipped > 0 { reasons.append("users: \(skipped) entr\(skipped == 1 ? "y has" : "ies have") no anchor attribute") }
            // Incremental: every user in scope by anchor and membership keys.
            var scopeUsers: [DirectoryUser] = []
            var inScope: Set<String>?
            if since != nil {
                let fullyRead = Set(users.map(\.anchor))
                var anchors = fullyRead
                let keys = Array(Set(mapping.anchorAttributes + mapping.membership.flatMap(\.userAttributes)))
                // Only the anchor is read now (no DN parsing); the other entries are converted only if the run turns
                // out not to be quiet and needs their membership keys.
                var pending: [LDAPEntry] = []
                let scopeComplete = try await connection.search(request(settings.userBaseDN, userFilter, keys)) {
                    for entry in $0 {
                        guard let anchor = converter.userAnchor(entry) else { continue }
                        if anchors.insert(anchor).inserted { pending.append(entry) }
                    }
                    progress("scope", anchors.count)
                }
                phase("scope", anchors.count)
                reasons += scopeComplete.reasons.map { "user scope: \($0)" }
                inScope = anchors
                if quick, reasons.isEmpty, let since,
                   try await isQuiet(connection, since: since, state: state, users: anchors.count, digests: groupDigests) {
                    phase("quiet", users.count)
                    let built = DirectorySnapshotBuilder(mapping: mapping, rules: rules, allowSuperuser: settings.allowSuperuser)
                        .build(users: users, groups: nil)
                    var snapshot = DirectorySnapshot(
                        accounts: built.accounts, inScopeAnchors: anchors, watermark: watermark, mode: "incremental")
                    snapshot.quiet = true
                    snapshot.scopeAccountCount = anchors.count
                    snapshot.scopeGroupCount = state?.scopeGroups
                    snapshot.rulesDigest = rulesDigest
                    snapshot.directoryMarker = marker
                    return snapshot
                }
                scopeUsers = pending.compactMap(converter.user)
            }
            // Groups, always in full.
            var groups: [DirectoryGroup]?
            if let base = settings.groupBaseDN {
                var list: [DirectoryGroup] = []
                var groupRequest = request(base, .raw(settings.groupFilter ?? mapping.groupFilter), mapping.groupAttributes)
                groupRequest.rangedAttributes = Self.rangedAttributes(of: mapping)
                let groupsComplete = try await connection.search(groupRequest) {
                    for entry in $0 {
                        if let group = converter.group(entry) { list.append(group) }
                        watermark = Self.later(watermark, converter.watermark(entry), kind: mapping.modifyWatermark)
                    }
                    progress("groups", list.count)
                }
                phase("groups", list.count)
                reasons += groupsComplete.reasons.map { "groups: \($0)" }
                groups = list
            }
            let built = DirectorySnapshotBuilder(mapping: mapping, rules: rules, allowSuperuser: settings.allowSuperuser)
                .build(users: users, scopeUsers: scopeUsers, groups: groups)
            phase("roles", built.accounts.count)
            var scopeRoles: [String: ScopeRole] = [:]
            for user in scopeUsers {
                if let role = built.roles[user.anchor] {
                    scopeRoles[user.anchor] = ScopeRole(role: role.role, explanation: role.explanation)
                }
            }
            // Entries that could not be mapped (no userName) are still in scope: they must not look deleted.
            let scope = inScope ?? Set(users.map(\.anchor))
            var snapshot = DirectorySnapshot(
                accounts: built.accounts, groups: built.groups, inScopeAnchors: scope, incompleteReasons: reasons,
                watermark: watermark, mode: since == nil ? "full" : "incremental", warnings: built.warnings,
                scopeRoles: scopeRoles)
            snapshot.scopeAccountCount = scope.count
            snapshot.scopeGroupCount = groups?.count
            snapshot.rulesDigest = rulesDigest
            snapshot.directoryMarker = marker
            return snapshot
        } catch let error as LDAPError {
            throw RosterError(.internalFailure, "reading ldap:\(settings.name) failed, nothing was changed: \(error)")
        }
    }

    /// A digest of everything besides the directory that decides the result: mapping, rules, filters, superuser.
    var rulesDigest: String {
        StableDigest.hex("\(mapping)|\(rules)|\(settings.allowSuperuser)|\(settings.userFilter ?? "")|"
            + "\(settings.groupFilter ?? "")|\(settings.userBaseDN)|\(settings.groupBaseDN ?? "")")
    }

    /// The member attributes read with AD range retrieval (`member;range=…`), from the mapping's ranged styles.
    static func rangedAttributes(of mapping: DirectoryMapping) -> [String] {
        mapping.membership.flatMap { style -> [String] in
            if case .memberDNs(let attributes, true) = style { attributes } else { [] }
        }
    }

    /// Whether an incremental read can stop after the users: no group changed since the watermark, and as many
    /// users and groups in scope as after the last complete run, with the same rules. Entries added or moved into
    /// scope carry a new change marker (so they are among the users read), so with equal counts nothing was deleted.
    func isQuiet(
        _ connection: LDAPConnection, since: String, state: SyncState?, users: Int, digests: [String: String]
    ) async throws -> Bool {
        guard let state, state.scopeAccounts == users, state.rulesDigest == rulesDigest else { return false }
        var groupCount: Int?
        if let base = settings.groupBaseDN {
            let filter = LDAPFilter.raw(settings.groupFilter ?? mapping.groupFilter)
            // Groups modified since the watermark (the overlap window re-reads the latest ones) must hold exactly what
            // the store's mirror was built from.
            var changed = 0
            let converter = LDAPEntryConverter(mapping: mapping)
            var changedRequest = request(
                base, .and([filter, .greaterOrEqual(mapping.modifyWatermark.attribute, since)]), mapping.groupAttributes)
            // Ranged like the full group read: an AD group above MaxValRange (1,500) otherwise comes back cut at
            // `member;range=0-1499`, its digest never matches and every such run loses the shortcut.
            changedRequest.rangedAttributes = Self.rangedAttributes(of: mapping)
            let changedComplete = try await connection.search(changedRequest) { entries in
                for entry in entries {
                    guard let group = converter.group(entry),
                          digests[group.anchor] == DirectorySnapshotBuilder.digest(group) else {
                        changed += 1
                        continue
                    }
                }
            }
            var total = 0
            let totalComplete = try await connection.search(request(base, filter, mapping.groupAnchorAttributes)) {
                total += $0.count
            }
            guard changed == 0, changedComplete.isComplete, totalComplete.isComplete else { return false }
            groupCount = total
        }
        return groupCount == state.scopeGroups
    }

    func request(_ base: String, _ filter: LDAPFilter, _ attributes: [String]) -> LDAPSearchRequest {
        LDAPSearchRequest(base: base, filter: filter.description, attributes: attributes, pageSize: settings.pageSize)
    }

    /// The watermark moved back by the overlap window (timestamps), or as it is (USNs).
    func overlapped(_ watermark: String) -> String? {
        switch mapping.modifyWatermark {
        case .usnChanged:
            return watermark
        case .modifyTimestamp:
            guard let date = GeneralizedTime.parse(watermark) else { return nil }
            return GeneralizedTime.format(date.addingTimeInterval(-Double(settings.overlapSeconds)))
        }
    }

    /// The later of two change markers.
    static func later(_ current: String?, _ candidate: String?, kind: DirectoryMapping.WatermarkKind) -> String? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        switch kind {
        case .usnChanged: return (Int64(candidate) ?? 0) > (Int64(current) ?? 0) ? candidate : current
        case .modifyTimestamp: return candidate > current ? candidate : current
        }
    }
}

/// LDAP GeneralizedTime (`20261122161018Z`, optionally with fractions), UTC only.
enum GeneralizedTime {
    static func parse(_ text: String) -> Date? {
        let digits = text.prefix(14)
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return nil }
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        let values = stride(from: 0, to: 14, by: 2).map { Int(digits.dropFirst($0).prefix(2)) ?? 0 }
        components.year = values[0] * 100 + values[1]
        components.month = values[2]
        components.day = values[3]
        components.hour = values[4]
        components.minute = values[5]
        components.second = values[6]
        return Calendar(identifier: .gregorian).date(from: components)
    }

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0)
    }
}
