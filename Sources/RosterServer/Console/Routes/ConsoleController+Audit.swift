import Foundation
import Hummingbird
import RosterCore
import RosterStore

/// `/admin/audit?actor=&account=&action=&after=`: the audit log, newest first, 50 a page.
extension ConsoleController {
    func registerAudit(on console: RouterGroup<ServerContext>) {
        console.get("audit") { request, _ in
            try await page(request, title: "Audit log") { caller in
                let filter = AuditFilter(request)
                let (accounts, store) = (self.accounts, self.store)
                let (events, next, note) = try await Blocking.run { () throws -> ([AuditEvent], Int64?, String?) in
                    var query = AuditQuery(before: filter.after, limit: 50)
                    // A reference names an account (id, userName or email); an id stays usable after a delete.
                    func resolve(_ reference: String) -> String? {
                        if let account = try? accounts.show(reference, by: caller.context).account { return account.id.lowercasedText }
                        return UUID(uuidString: reference)?.lowercasedText
                    }
                    if let actor = filter.actor {
                        if actor == "system" {
                            query.actor = "system"
                        } else if let id = resolve(actor) {
                            query.actor = "account:" + id
                        } else {
                            query.actorName = actor
                        }
                    }
                    if let account = filter.account {
                        guard let id = resolve(account) else { return ([], nil, "No account matches “\(account)”.") }
                        query.targetID = id
                    }
                    query.action = filter.action
                    let page = try store.auditPage(query)
                    return (page.events, page.next, nil)
                }
                return AuditView.render(filter: filter, events: events, next: next, note: note)
            }
        }
    }
}

/// The audit page's query parameters.
struct AuditFilter: Sendable {
    var actor: String?
    var account: String?
    var action: String?
    var after: Int64?

    init(_ request: Request) {
        actor = ConsoleController.query(request, "actor")
        account = ConsoleController.query(request, "account")
        action = ConsoleController.query(request, "action")
        after = ConsoleController.query(request, "after").flatMap(Int64.init)
    }

    var queryString: String {
        [("actor", actor), ("account", account), ("action", action)].compactMap { name, value in
            value.map { "\(name)=" + HTML.query($0) }
        }.joined(separator: "&")
    }
}
