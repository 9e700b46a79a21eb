import Foundation
import Hummingbird
import RosterCore
import RosterRuntime
import RosterStore

/// `GET /admin/people` (the list) and `GET /admin/people/{id}` (a person's page).
extension ConsoleController {
    func registerPeople(on console: RouterGroup<ServerContext>) {
        console.get("people") { request, _ in
            try await page(request, title: "People") { caller in
                let filter = PeopleFilter(request)
                let store = self.store
                let (result, sources) = try await Blocking.run {
                    (try store.peoplePage(filter.query), try store.knownSources())
                }
                let configured = settings.consoleSyncSources.map { "ldap:\($0)" }
                return PeopleView.render(filter: filter, page: result, sources: Array(Set(sources + configured)).sorted(by: Self.sourceOrder))
            }
        }
        console.get("people/:id") { request, context in
            let id = try Self.uuid(context)
            return try await titledPage(request) { caller in
                let (accounts, access, store) = (self.accounts, self.access, self.store)
                let details = try await Blocking.run { () throws -> PersonView.Details in
                    let listing: AccountListing
                    do {
                        listing = try accounts.show(id.lowercasedText, by: caller.context)
                    } catch let error as RosterError where error.code == .accountNotFound {
                        throw ConsoleError.notFound("No account has this id.")
                    }
                    return PersonView.Details(
                        listing: listing, sessions: try access.sessions(of: id, by: caller.context),
                        groups: try store.groupNames(of: id), explanation: try RoleExplanation.of(listing.account, in: store),
                        owned: try accounts.ownerships(of: id.lowercasedText, by: caller.context),
                        audit: try store.auditHistory(of: id, limit: 50))
                }
                return (details.listing.account.userName, PersonView.render(details, caller: caller))
            }
        }
    }

    /// Built-in sources first, then directories and SCIM clients by name.
    static func sourceOrder(_ a: String, _ b: String) -> Bool {
        let builtIn = ["local", "signup", "invitation"]
        switch (builtIn.firstIndex(of: a), builtIn.firstIndex(of: b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}

/// The people list's query parameters: `q`, `role`, `source`, `active` (`active`/`inactive`), `auth`, `after`.
struct PeopleFilter: Sendable {
    var search: String?
    var role: Role?
    var source: String?
    var active: Bool?
    var auth: AuthMethod?
    var after: PeopleCursor?

    init(_ request: Request) {
        search = ConsoleController.query(request, "q")
        role = ConsoleController.query(request, "role").flatMap(Role.init(rawValue:))
        source = ConsoleController.query(request, "source").flatMap { AccountSource(rawValue: $0)?.rawValue }
        switch ConsoleController.query(request, "active") {
        case "active": active = true
        case "inactive": active = false
        default: active = nil
        }
        auth = ConsoleController.query(request, "auth").flatMap(AuthMethod.init(rawValue:))
        after = ConsoleController.query(request, "after").flatMap(PeopleCursor.init(text:))
    }

    var query: PeopleQuery {
        PeopleQuery(search: search, role: role, source: source, active: active, authMethod: auth, after: after, limit: 50)
    }

    /// The query string of these filters (without the cursor), for the next-page link.
    var queryString: String {
        var parts: [String] = []
        if let search { parts.append("q=" + HTML.query(search)) }
        if let role { parts.append("role=" + role.rawValue) }
        if let source { parts.append("source=" + HTML.query(source)) }
        if let active { parts.append("active=" + (active ? "active" : "inactive")) }
        if let auth { parts.append("auth=" + auth.rawValue) }
        return parts.joined(separator: "&")
    }
}
