import Foundation
import Logging
import RosterCore
import RosterStore

/// Runs one sync of one source: read, plan, apply in one transaction, record the run.
///
/// Nothing is half-applied: the plan is applied in a single write transaction together with the new watermark and
/// the run record; any error rolls all of it back and the run is recorded as failed.
public struct SyncRunner: Sendable {
    public let store: SQLiteAccountStore
    public let accounts: AccountService
    public let logger: Logger

    public init(store: SQLiteAccountStore, accounts: AccountService, logger: Logger) {
        self.store = store
        self.accounts = accounts
        self.logger = logger
    }

    /// Options of one run.
    public struct Options: Sendable {
        public var dryRun = false
        public var full = false
        public var policy = SyncPolicy()
        public init(dryRun: Bool = false, full: Bool = false, policy: SyncPolicy = SyncPolicy()) {
            self.dryRun = dryRun
            self.full = full
            self.policy = policy
        }
    }

    public func run(_ directory: any DirectorySource, options: Options) async throws -> SyncReport {
        let source = directory.source
        let started = accounts.now()
        let state = try store.syncRead { try $0.syncState(source: source) }
        var record = SyncRunRecord(source: source.rawValue, startedAt: started, status: .running,
                                   mode: options.full || state?.watermark == nil ? "full" : "incremental",
                                   dryRun: options.dryRun)
        record.id = try store.syncWrite { try $0.insertSyncRun(record) }
        logger.info("Sync started", metadata: ["sync.source": "\(source)", "sync.run": "\(record.id)"])
        do {
            let digests = try store.syncRead { try $0.groups(of: source).compactMapValues(\.contentDigest) }
            // `--allow-deprovision` is asked after a held run: the directory must be read and planned in full even
            // if it is unchanged (no marker shortcut, no quiet run).
            var readState = state
            if options.policy.allowDeprovision {
                readState?.directoryMarker = nil
                readState?.scopeAccounts = nil
                readState?.contentSyncCookies = nil
            }
            let clock = ContinuousClock()
            var mark = clock.now
            func phase(_ name: String) {
                logger.debug("Sync run phase", metadata: ["sync.phase": "\(name)", "sync.seconds": "\(clock.now - mark)"])
                mark = clock.now
            }
            phase("digests")
            var snapshot = try await directory.snapshot(state: readState, full: options.full, quick: true, groupDigests: digests)
            phase("read")
            if snapshot.quiet {
                // A quiet read keeps stored roles, which holds only for entries already stored under the same DN and
                // userName (membership is matched by DN or uid); anything else needs the whole read.
                let known = try store.syncRead { try $0.knownEntries(of: source, anchors: snapshot.accounts.map(\.anchor)) }
                let keepsRoles = snapshot.accounts.allSatisfy { entry in
                    known[entry.anchor].map { $0.externalId == entry.externalId && $0.userName == entry.userName } ?? false
                }
                phase("quiet check")
                if !keepsRoles {
                    snapshot = try await directory.snapshot(state: state, full: options.full, quick: false, groupDigests: digests)
                    phase("read again")
                }
            }
            record.mode = snapshot.mode
            let report = try store.syncWrite { tx in
                snapshot.unchanged
                    ? try recordUnchanged(snapshot, state: state, options: options, record: &record, tx)
                    : try apply(snapshot, source: source, state: state, options: options, record: &record, tx)
            }
            phase("write and commit")
            logger.info("Sync finished", metadata: [
                "sync.source": "\(source)", "sync.run": "\(record.id)", "sync.status": "\(report.status.rawValue)",
            ])
            return report
        } catch {
            record.status = .failed
            record.finishedAt = accounts.now()
            let message = (error as? RosterError)?.message ?? "\(error)"
            var failed = report(record, plan: SyncPlan(), outcome: nil, snapshot: nil)
            failed.error = message
            record.reportJSON = failed.compactJSON()
            let final = record
            try? store.syncWrite { try $0.updateSyncRun(final) }
            logger.error("Sync failed; nothing was changed", metadata: ["sync.source": "\(source)", "sync.run": "\(record.id)"])
            throw error
        }
    }

    /// A run of an unchanged directory: nothing was read, nothing is planned (an empty read must never look like
    /// deleted entries), the state keeps its watermark and marker.
    private func recordUnchanged(
        _ snapshot: DirectorySnapshot, state: SyncState?, options: Options, record: inout SyncRunRecord,
        _ tx: any SyncTransaction
    ) throws -> SyncReport {
        if !options.dryRun, var newState = state {
            newState.lastRunAt = accounts.now()
            try tx.saveSyncState(newState)
        }
        record.status = options.dryRun ? .planned : .applied
        record.finishedAt = accounts.now()
        var result = report(record, plan: SyncPlan(), outcome: options.dryRun ? nil : SyncOutcome(), snapshot: snapshot)
        result.notes = ["the directory is unchanged since the last complete run (\(snapshot.directoryMarker ?? "?")): nothing to read"]
            + snapshot.notes
        record.counts = result.counts
        record.reportJSON = result.compactJSON()
        try tx.updateSyncRun(record)
        return result
    }

    private func apply(
        _ snapshot: DirectorySnapshot, source: AccountSource, state: SyncState?, options: Options,
        record: inout SyncRunRecord, _ tx: any SyncTransaction
    ) throws -> SyncReport {
        let clock = ContinuousClock()
        let started = clock.now
        var snapshot = snapshot
        var existing: ExistingAccounts
        if snapshot.quiet {
            // Only the modified entries can differ, and nothing that decides a role changed: keep the stored roles.
            existing = try tx.existingAccounts(for: source, entries: snapshot.accounts)
            // Content sync named the entries that left the scope: their accounts are planned too (deprovisioned, as
            // they are missing from the entries planned).
            var removed = snapshot.removedAnchors ?? []
            if snapshot.changeMethod == "rfc4533", let scope = snapshot.inScopeAnchors {
                // A present phase named every entry in scope: the stored ones it did not name are gone.
                removed = Set(try tx.knownEntries(of: source).keys).subtracting(scope)
            }
            for anchor in removed where existing.ownedByAnchor[anchor] == nil {
                if let account = try tx.account(source: source, anchor: anchor) { existing.ownedByAnchor[anchor] = account }
            }
            snapshot.inScopeAnchors = nil
            snapshot.accounts = snapshot.accounts.compactMap { entry in
                guard let account = existing.ownedByAnchor[entry.anchor] else { return nil }
                var kept = entry
                kept.role = account.role
                kept.roleExplanation = existing.roleExplanations[account.id]
                return kept
            }
        } else {
            existing = try tx.existingAccounts(for: source)
            if let removed = snapshot.removedAnchors, snapshot.inScopeAnchors == nil {
                // Content sync with a delete phase: every stored account is still in scope but those that left it.
                snapshot.inScopeAnchors = Set(existing.ownedByAnchor.keys).subtracting(removed)
                    .union(snapshot.accounts.map(\.anchor))
            } else if let scope = snapshot.inScopeAnchors, snapshot.membershipAnchors != nil {
                // Content sync with a present phase: the stored accounts it did not name left the scope, and lose
                // their memberships.
                snapshot.membershipAnchors?.formUnion(Set(existing.ownedByAnchor.keys).subtracting(scope))
            }
        }
        // After content sync with a delete phase the scope count is known only if nothing left or joined it; a guessed
        // count could let a later scanning run take a deletion for a quiet directory.
        if let removed = snapshot.removedAnchors, snapshot.scopeAccountCount == nil {
            let left = removed.contains { existing.ownedByAnchor[$0] != nil }
            let joined = snapshot.accounts.contains { existing.ownedByAnchor[$0.anchor] == nil }
            snapshot.scopeAccountCount = left || joined ? nil : state?.scopeAccounts
        }
        let loaded = clock.now
        let plan = SyncPlanner(source: source, policy: options.policy).plan(
            desired: snapshot.accounts, inScope: snapshot.inScopeAnchors, scopeRoles: snapshot.scopeRoles,
            incompleteReasons: snapshot.incompleteReasons, existing: existing)
        let planned = clock.now
        var applied = planned
        var outcome: SyncOutcome?
        defer {
            logger.debug("Sync apply phases", metadata: [
                "sync.load": "\(loaded - started)", "sync.plan": "\(planned - loaded)", "sync.apply": "\(applied - planned)",
                "sync.report": "\(clock.now - applied)"])
        }
        if !options.dryRun {
            let applier = SyncApplier(service: accounts, source: source, authMethod: .ldap, policy: options.policy)
            outcome = try applier.apply(plan, groups: snapshot.groups, groupsComplete: snapshot.incompleteReasons.isEmpty,
                                        existing: existing, scopeRoles: snapshot.scopeRoles,
                                        membershipAnchors: snapshot.membershipAnchors, in: tx)
            let now = accounts.now()
            var newState = state ?? SyncState(source: source.rawValue)
            newState.lastRunAt = now
            if snapshot.incompleteReasons.isEmpty {
                newState.watermark = snapshot.watermark ?? newState.watermark
                if snapshot.mode == "full" { newState.lastFullRunAt = now }
                newState.rulesDigest = snapshot.rulesDigest
                // The marker and the scope counts let the next run skip an unchanged directory or plan only the
                // modified entries (a quiet run), so they are kept only when this run left nothing to retry: nothing
                // held, no conflict, no refusal. Otherwise the next run plans everything again.
                let settled = !plan.isHeld && plan.conflicts.isEmpty && (outcome?.refusals.isEmpty ?? true)
                newState.scopeAccounts = settled ? snapshot.scopeAccountCount : nil
                newState.scopeGroups = settled ? snapshot.scopeGroupCount : nil
                newState.directoryMarker = settled ? snapshot.directoryMarker : nil
                // Content-sync cookies: same rule. Without them the next run scans and takes fresh ones.
                newState.contentSyncCookies = settled ? snapshot.contentSyncCookies : nil
            }
            try tx.saveSyncState(newState)
            applied = clock.now
        }
        record.status = options.dryRun ? .planned : (plan.isHeld ? .held : .applied)
        record.finishedAt = accounts.now()
        let result = report(record, plan: plan, outcome: outcome, snapshot: snapshot)
        record.counts = result.counts
        record.reportJSON = result.compactJSON()
        try tx.updateSyncRun(record)
        return result
    }

    func report(_ record: SyncRunRecord, plan: SyncPlan, outcome: SyncOutcome?, snapshot: DirectorySnapshot?) -> SyncReport {
        let finished = record.finishedAt ?? record.startedAt
        return SyncReport(
            source: record.source, mode: record.mode, dryRun: record.dryRun, status: record.status,
            startedAt: record.startedAt, finishedAt: finished,
            durationSeconds: (finished.timeIntervalSince(record.startedAt) * 1000).rounded() / 1000,
            counts: outcome?.counts ?? SyncReport.plannedCounts(plan), holds: plan.holds.map(SyncReport.describe),
            incompleteReasons: snapshot?.incompleteReasons ?? [], changes: SyncReport.changes(plan),
            conflicts: plan.conflicts, refusals: outcome?.refusals ?? [], warnings: snapshot?.warnings ?? [], error: nil,
            changeMethod: snapshot?.changeMethod, notes: snapshot.map { $0.notes.isEmpty ? nil : $0.notes } ?? nil)
    }
}
