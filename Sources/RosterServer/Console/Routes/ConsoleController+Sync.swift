import Foundation
import Hummingbird
import RosterCore
import RosterRuntime

/// `/admin/sync` (each source's last runs) and `/admin/sync/runs/{id}` (one run's report). Read-only: a held
/// deprovisioning is approved on the CLI, whose command the page shows.
extension ConsoleController {
    func registerSync(on console: RouterGroup<ServerContext>) {
        console.get("sync") { request, _ in
            try await page(request, title: "Sync") { _ in
                let (store, configured) = (self.store, settings.consoleSyncSources.map { "ldap:\($0)" })
                let runs = try await Blocking.run { () throws -> [(String, [SyncRunRecord])] in
                    let sources = Set(try store.knownSources().filter { $0.hasPrefix("ldap:") } + configured).sorted()
                    return try sources.map { source in (source, try store.syncRead { try $0.syncRuns(source: source, limit: 20) }) }
                }
                return SyncView.render(runs)
            }
        }
        console.get("sync/runs/:id") { request, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw ConsoleError.notFound() }
            return try await page(request, title: "Sync run #\(id)") { _ in
                let store = self.store
                guard let run = try await Blocking.run({ try store.syncRun(id: id) }) else {
                    throw ConsoleError.notFound("No sync run has this id.")
                }
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let report = run.reportJSON.flatMap { try? decoder.decode(SyncReport.self, from: Data($0.utf8)) }
                return SyncRunView.render(run, report: report)
            }
        }
    }
}
