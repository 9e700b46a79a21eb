import Foundation
import Hummingbird
import RosterCore
import RosterRuntime

/// `/admin/scim-clients`: admins see the clients (names and state, never a token); only superusers add and revoke.
/// A client is a source that may be configured to give roles up to superuser, and on the CLI only the operator
/// manages clients, so creating or revoking one is held to the highest role.
extension ConsoleController {
    func registerSCIMClients(on console: RouterGroup<ServerContext>) {
        console.get("scim-clients") { request, _ in
            try await page(request, title: "SCIM clients") { caller in
                SCIMClientsView.render(try await registry.list(), caller: caller)
            }
        }
        console.post("scim-clients") { request, context in
            try await action(request, context, location: "/admin/scim-clients") { caller, form in
                try Self.requireSuperuser(caller)
                let (client, token) = try await registry.add(name: form.text("name") ?? "", by: caller.context, actorName: caller.account.userName)
                var flash = ConsoleFlash.ok("SCIM client \(client.name) was created (source scim:\(client.name)).")
                flash.secret = token
                flash.secretLabel = "Bearer token of \(client.name)"
                return ConsoleOutcome(flash)
            }
        }
        console.post("scim-clients/:name/revoke") { request, context in
            guard let name = context.parameters.get("name") else { throw ConsoleError.notFound() }
            return try await action(request, context, location: "/admin/scim-clients") { caller, _ in
                try Self.requireSuperuser(caller)
                try await registry.revoke(name: name, by: caller.context, actorName: caller.account.userName)
                return ConsoleOutcome(.ok("SCIM client \(name) was revoked; what it created stays."))
            }
        }
    }

    static func requireSuperuser(_ caller: ConsoleCaller) throws {
        guard caller.account.role >= .superuser else {
            throw RosterError(.superuserOnly, "only a superuser adds or revokes SCIM clients")
        }
    }
}
