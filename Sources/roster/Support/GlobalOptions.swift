import ArgumentParser

/// Options every command accepts, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The configuration file (default: $ROSTER_CONFIG, else ./Config/roster.plist).", valueName: "path"))
    var config: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as this account (id, userName or email); its role decides what is allowed. Default: the local operator.",
        valueName: "user"))
    var actingAs: String?
}
