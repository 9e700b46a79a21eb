/// The sign-in form (`#login-form`): username or email, and password.
enum LoginView {
    static func render(csrf: String, user: String?) -> String {
        """
        <p>The console is for admins and superusers of this Roster.</p>
        <form id="login-form" class="stack-form" method="post" action="/admin/login">
        \(HTML.csrf(csrf))
        \(HTML.input(id: "login-user", name: "user", label: "Username or email", value: user ?? "", required: true, autocomplete: "username"))
        \(HTML.input(id: "login-password", name: "password", label: "Password", type: "password", required: true, autocomplete: "current-password"))
        <button type="submit" id="login-submit">Sign in</button>
        </form>
        """
    }
}
