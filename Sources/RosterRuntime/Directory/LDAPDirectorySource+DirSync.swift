import Foundation
import RosterCore
import RosterLDAP

/// Active Directory DirSync (control 1.2.840.113556.1.4.841) for changed AD directories, in place of the anchor scan.
///
/// Decisions (verified against Samba 4, see docs/active-directory.md):
/// - Used only where it is exact: an AD marker (`highestCommittedUSN` with `dsServiceName`), users anchored by
///   objectGUID, an incremental run (never `--full`, never `--allow-deprovision`) whose stored cookie comes from a
///   settled run with the same rules **on the same DC** (the cookie is per DC, like the marker).
/// - Flags 0, not `LDAP_DIRSYNC_OBJECT_SECURITY`: with object security Samba returns no deleted objects at all, so
///   deletions would go unseen. Without it the bind account needs "Replicating Directory Changes" on the domain and
///   must see the tombstones (Samba: only Domain Admins do; AD: the right is enough); an ordinary account is refused
///   (insufficientAccessRights) and the run scans, with a note.
/// - The search is based at the naming context's root (`defaultNamingContext`), filter `(objectClass=*)`, attributes
///   `*` and `isDeleted`, repeated while the server says more data is waiting. Changed objects come back with the
///   changed attributes only: those under the user base are read again in full by objectGUID (filter values escaped
///   byte by byte) with the user filter; those not found then (no longer users in scope), tombstones (`isDeleted`)
///   and objects outside the user base (moved out, or never users) are taken as removed: anchors matching no stored
///   account change nothing.
/// - Groups: a changed object under the group base, or a deleted stored group, can change any user's role: that run
///   reads as without DirSync (the anchor scan), keeping the new cookie. Otherwise only the changed users are planned
///   (quiet, with their stored roles), or, when users were added, moved or removed, the groups are read in full and the
///   group mirror changes only for the changed and removed users — the same paths as RFC 4533 content sync.
/// - Any failure (not permitted, an unknown control, a cookie the DC cannot use, no cookie) leaves the run to the
///   `uSNChanged` watermark and the anchor scan, with a report note.
extension LDAPDirectorySource {
    enum DirSyncOutcome {
        case read(DirectorySnapshot)
        /// DirSync was not used; why, for the report's notes. `refused`: the server refused it (no fresh cookie then).
        case notUsed(String, refused: Bool)
    }

    /// The keys in ``SyncState/contentSyncCookies``: the DirSync cookie and the DC (`dsServiceName`) it belongs to.
    static let dirSyncCookieKey = "dirsync"
    static let dirSyncServerKey = "dirsyncServer"

    /// Whether this source can use DirSync at all: an AD marker and objectGUID anchors.
    func usesDirSync(marker: String?) -> Bool {
        guard Self.dirSyncServer(marker) != nil, mapping.anchorFormat == .guid else { return false }
        return mapping.anchorAttributes.count == 1 && mapping.anchorAttributes[0].lowercased() == "objectguid"
    }

    /// The DC of an AD marker (`ad:<dsServiceName>:<highestCommittedUSN>`).
    static func dirSyncServer(_ marker: String?) -> String? {
        guard let marker, marker.hasPrefix("ad:"), let colon = marker.lastIndex(of: ":") else { return nil }
        let server = marker[marker.index(marker.startIndex, offsetBy: 3)..<colon]
        return server.isEmpty ? nil : String(server)
    }

    /// The root of the domain's naming context.
    func namingContext(_ connection: LDAPConnection) async throws -> String {
        var context: String?
        let request = LDAPSearchRequest(base: "", scope: .base, filter: "(objectClass=*)",
                                        attributes: ["defaultNamingContext"], pageSize: nil)
        _ = try await connection.search(request) { context = context ?? $0.first?.string("defaultNamingContext") }
        guard let context, !context.isEmpty else { throw DirSyncError.noNamingContext }
        return context
    }

    /// A cookie for the directory as it is now, before a read without DirSync: a DirSync search whose filter matches
    /// no object answers with the current cookie.
    func freshDirSyncCookies(_ connection: LDAPConnection, marker: String?) async throws -> [String: String] {
        guard let server = Self.dirSyncServer(marker) else { throw DirSyncError.noCookie }
        let base = try await namingContext(connection)
        let result = try await connection.dirSync(base: base, filter: "(objectGUID=\\00)", attributes: ["1.1"], cookie: [])
        guard !result.cookie.isEmpty else { throw DirSyncError.noCookie }
        return [Self.dirSyncCookieKey: Data(result.cookie).base64EncodedString(), Self.dirSyncServerKey: server]
    }

    /// An incremental read through DirSync, or why it was not used.
    func dirSyncRead(
        _ connection: LDAPConnection, state: SyncState, quick: Bool, groupDigests: [String: String], marker: String?,
        phase: (String, Int) -> Void
    ) async throws -> DirSyncOutcome {
        guard state.rulesDigest == rulesDigest, let stored = state.contentSyncCookies,
              let cookie = stored[Self.dirSyncCookieKey].flatMap({ Data(base64Encoded: $0) }) else {
            return .notUsed("DirSync: no cookie from a settled run with these rules yet; read with the anchor scan",
                            refused: false)
        }
        guard let server = Self.dirSyncServer(marker), stored[Self.dirSyncServerKey] == server else {
            return .notUsed("DirSync: the stored cookie is from another domain controller; read with the anchor scan",
                            refused: false)
        }
        let converter = LDAPEntryConverter(mapping: mapping)
        let userBase = DistinguishedName.key(settings.userBaseDN)
        let groupBase = settings.groupBaseDN.map(DistinguishedName.key)
        func within(_ dn: String, _ base: String) -> Bool {
            let key = DistinguishedName.key(dn)
            return key == base || key.hasSuffix("," + base)
        }
        let result: DirSyncResult
        do {
            let base = try await namingContext(connection)
            result = try await connection.dirSync(base: base, filter: "(objectClass=*)", attributes: ["*", "isDeleted"],
                                                  cookie: Array(cookie))
        } catch let error as LDAPError {
            return .notUsed("DirSync refused by the server (\(error)); read with the anchor scan", refused: true)
        }
        guard !result.cookie.isEmpty else {
            return .notUsed("DirSync: the server answered without a cookie; read with the anchor scan", refused: true)
        }
        let cookies = [Self.dirSyncCookieKey: Data(result.cookie).base64EncodedString(), Self.dirSyncServerKey: server]
        // Sort the changed objects: tombstones, candidates under the user base (by objectGUID bytes), the rest.
        var deleted: Set<String> = []
        var candidates: [String: [UInt8]] = [:]
        var removed: Set<String> = []
        var groupsChanged = false
        for entry in result.entries {
            guard let guid = entry.bytes("objectGUID"), let anchor = converter.userAnchor(entry) else { continue }
            if entry.string("isDeleted")?.uppercased() == "TRUE" {
                deleted.insert(anchor)
                // A stored group deleted (or, without digests, possibly one).
                if settings.groupBaseDN != nil, groupDigests.isEmpty || groupDigests[anchor] != nil { groupsChanged = true }
                continue
            }
            if let groupBase, within(entry.dn, groupBase) { groupsChanged = true }
            if within(entry.dn, userBase) { candidates[anchor] = guid } else { removed.insert(anchor) }
        }
        // The changed users in full: by objectGUID under the user base, with the user filter.
        var users: [DirectoryUser] = []
        var found: Set<String> = []
        var skipped = 0
        var watermark = state.watermark
        var reasons: [String] = []
        let userFilter = LDAPFilter.raw(settings.userFilter ?? mapping.userFilter)
        let guids = Array(candidates.values)
        for start in stride(from: 0, to: guids.count, by: 100) {
            let part = guids[start..<min(start + 100, guids.count)].map { LDAPFilter.raw("objectGUID=" + Self.escapedBytes($0)) }
            let complete = try await connection.search(
                request(settings.userBaseDN, .and([userFilter, .or(part)]), mapping.userAttributes)
            ) { entries in
                for entry in entries {
                    if let anchor = converter.userAnchor(entry) { found.insert(anchor) }
                    if let user = converter.user(entry) { users.append(user) } else { skipped += 1 }
                    watermark = Self.later(watermark, converter.watermark(entry), kind: mapping.modifyWatermark)
                }
                progress("users", users.count)
            }
            reasons += complete.reasons.map { "users: \($0)" }
        }
        phase("users", users.count)
        removed.formUnion(deleted)
        removed.formUnion(Set(candidates.keys).subtracting(found))
        removed.subtract(found)
        let summary = "DirSync: \(result.entries.count) changed object\(result.entries.count == 1 ? "" : "s") in the domain, "
            + "\(users.count) user\(users.count == 1 ? "" : "s") read again, \(deleted.count) deleted"
        let why: String? = if groupsChanged {
            "groups changed, so every user's membership keys are read (anchor scan)"
        } else if skipped > 0 {
            "\(skipped) changed entr\(skipped == 1 ? "y has" : "ies have") no anchor attribute (anchor scan)"
        } else if !reasons.isEmpty {
            "the changed users could not be read completely (anchor scan)"
        } else {
            nil
        }
        if let why {
            var snapshot = try await scanRead(connection, state: state, since: state.watermark.flatMap(overlapped),
                                              quick: quick, groupDigests: groupDigests, marker: marker, phase: phase)
            snapshot.changeMethod = "scan"
            snapshot.contentSyncCookies = cookies
            snapshot.notes = [summary + "; " + why]
            return .read(snapshot)
        }
        let builder = DirectorySnapshotBuilder(mapping: mapping, rules: rules, allowSuperuser: settings.allowSuperuser)
        var snapshot: DirectorySnapshot
        if quick, removed.isEmpty {
            // Only the changed users are planned, with their stored roles (the run reads again with `quick: false`
            // if one of them is new, renamed or moved).
            let built = builder.build(users: users, groups: nil)
            snapshot = DirectorySnapshot(accounts: built.accounts, watermark: watermark, mode: "incremental")
            snapshot.quiet = true
            snapshot.removedAnchors = removed
            phase("quiet", users.count)
        } else {
            // Users added, moved or removed: their roles and memberships come from the groups read in full, and the
            // group mirror changes only for the changed and removed users.
            var list: [DirectoryGroup] = []
            if let base = settings.groupBaseDN {
                var groupRequest = request(base, .raw(settings.groupFilter ?? mapping.groupFilter), mapping.groupAttributes)
                groupRequest.rangedAttributes = Self.rangedAttributes(of: mapping)
                let groupsComplete = try await connection.search(groupRequest) { entries in
                    list += entries.compactMap(converter.group)
                }
                reasons += groupsComplete.reasons.map { "groups: \($0)" }
                phase("groups", list.count)
            }
            let built = builder.build(users: users, groups: settings.groupBaseDN == nil ? nil : list)
            snapshot = DirectorySnapshot(
                accounts: built.accounts, groups: built.groups, incompleteReasons: reasons, watermark: watermark,
                mode: "incremental", warnings: built.warnings)
            snapshot.removedAnchors = removed
            snapshot.membershipAnchors = found.union(removed)
        }
        snapshot.scopeGroupCount = state.scopeGroups
        snapshot.rulesDigest = rulesDigest
        snapshot.directoryMarker = marker
        snapshot.changeMethod = "dirsync"
        snapshot.contentSyncCookies = cookies
        snapshot.notes = [summary + "; no anchor scan"]
        return .read(snapshot)
    }

    /// Every byte of a binary value as `\hh` (RFC 4515), for an equality filter on objectGUID.
    static func escapedBytes(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            text.append("\\")
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }
}
