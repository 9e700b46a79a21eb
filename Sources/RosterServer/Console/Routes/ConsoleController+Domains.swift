import Foundation
import Hummingbird
import RosterCore

/// `/admin/domains`: the signup allowlist (the configuration's entries read-only, the store's removable).
extension ConsoleController {
    func registerDomains(on console: RouterGroup<ServerContext>) {
        console.get("domains") { request, _ in
            try await page(request, title: "Signup domains") { caller in
                let access = self.access
                let domains = try await Blocking.run { try access.signupDomains() }
                return DomainsView.render(domains, signupEnabled: access.settings.signupEnabled, caller: caller)
            }
        }
        console.post("domains") { request, context in
            try await action(request, context, location: "/admin/domains") { caller, form in
                guard let role = Role(rawValue: form.text("role") ?? "guest"),
                      let method = AuthMethod(rawValue: form.text("authMethod") ?? "password") else {
                    throw RosterError(.invalidArgument, "role is guest or member; method is password, pam or saml")
                }
                let include = form["includeSubdomains"] == "on" || form["includeSubdomains"] == "true"
                let domain = try await Blocking.run {
                    try access.addSignupDomain(form.text("domain") ?? "", authMethod: method, role: role, includeSubdomains: include,
                                               by: caller.context)
                }
                return ConsoleOutcome(.ok("\(domain.domain) may sign up (\(domain.role), \(domain.authMethod))."))
            }
        }
        console.post("domains/remove") { request, context in
            try await action(request, context, location: "/admin/domains") { caller, form in
                let domain = form.text("domain") ?? ""
                try await Blocking.run { try access.removeSignupDomain(domain, by: caller.context) }
                return ConsoleOutcome(.ok("\(domain) was removed from the allowlist."))
            }
        }
    }
}
