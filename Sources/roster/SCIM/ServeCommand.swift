import ArgumentParser
import Foundation
import Logging
import RosterConfig
import RosterRuntime
import RosterServer
import ServiceLifecycle

/// `roster serve`: the SCIM 2.0 endpoint (plus `/healthz` and `/metrics`), until SIGTERM or SIGINT; in-flight
/// requests finish before it exits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve SCIM 2.0 (/scim/v2), /healthz and /metrics until SIGTERM or SIGINT.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on (default: the config's scim.host).") var host: String?
    @Option(help: "Port to listen on (default: the config's scim.port; 0 picks a free port).") var port: Int?

    func run() async throws {
        let context = try CLIContext.load(global)
        let scim = context.configuration?.scim ?? SCIMSettings()
        let files = MappingFiles(configurationPath: context.configurationPath, environment: context.environment,
                                 workingDirectory: FileManager.default.currentDirectoryPath)
        var settings = ServerSettings()
        settings.scimEnabled = scim.enabled
        settings.host = host ?? scim.host
        settings.port = port ?? scim.port
        settings.tlsCertificatePath = scim.tlsCertificate
        settings.tlsKeyPath = scim.tlsKey
        settings.maxBodyBytes = scim.maxBodyBytes
        settings.requestsPerMinute = scim.requestsPerMinute
        settings.burst = scim.burst
        settings.idleTimeoutSeconds = scim.idleTimeoutSeconds
        settings.publicBaseURL = scim.publicBaseURL
        settings.scim = try SCIMServiceFactory.settings(scim, users: context.configuration?.users ?? UserSettings(), files: files)
        let roster = context.roster
        settings.consoleSyncSources = roster.settings.ldapSources.map(\.name)
        let scheme = settings.usesTLS ? "https" : "http"
        let listenHost = settings.host
        let registry = SCIMClientRegistry(store: roster.store)
        let logger = roster.logger
        let serverSettings = settings
        let app = try RosterServer.buildApplication(
            store: roster.store, service: SCIMServiceFactory.service(roster: roster, settings: serverSettings.scim),
            access: roster.access,
            settings: serverSettings, tokenHash: { registry.tokenHash($0) }, logger: logger,
            onServerRunning: { port in
                // One line on stdout that scripts wait for.
                let line = "roster serve: listening on \(scheme)://\(listenHost):\(port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            })
        let group = ServiceGroup(configuration: .init(
            services: [app, SignupSweep(access: roster.access, logger: logger)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
