/// The change-password form (`#password-form`); a temporary password's session needs no current password.
enum PasswordView {
    static func render(_ caller: ConsoleCaller) -> String {
        let current = caller.authenticated.passwordChangeOnly
            ? "<p>You signed in with a temporary password: choose your own before using the console.</p>"
            : HTML.input(id: "current-password", name: "current-password", label: "Current password", type: "password",
                         required: true, autocomplete: "current-password")
        return """
            <form id="password-form" class="stack-form" method="post" action="/admin/password">
            \(HTML.csrf(caller.csrf))
            \(current)
            \(HTML.input(id: "new-password", name: "new-password", label: "New password", type: "password", required: true, autocomplete: "new-password"))
            \(HTML.input(id: "confirm-password", name: "confirm-password", label: "New password again", type: "password", required: true,
                         autocomplete: "new-password"))
            <button type="submit" id="password-submit">Change password</button>
            </form>
            """
    }
}
