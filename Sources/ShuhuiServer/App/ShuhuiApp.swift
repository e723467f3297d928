import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import ShuhuiCore
import ShuhuiStore

/// How the server is run.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The exchange root that push subscriptions' folders are created under.
    public var exchangeRoot: URL
    /// How often due push subscriptions are looked for.
    public var pushInterval: Duration
    public init(host: String = "127.0.0.1", port: Int = 8080,
                exchangeRoot: URL = URL(fileURLWithPath: "./shuhui-data/exchange"), pushInterval: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.exchangeRoot = exchangeRoot
        self.pushInterval = pushInterval
    }
}

/// Builds the Hummingbird application: API, console, health, metrics, OpenAPI.
public enum ShuhuiApp {
    /// The router with every route, for in-process tests and for ``application(store:configuration:logger:)``.
    ///
    /// - Parameters:
    ///   - clock: the time the gateway checks timestamps and grant expiry against (tests move it).
    ///   - push: runs a push subscription at once when it is created or asked to run; without
    ///     it they wait for the scheduler.
    public static func router(store: Store, clock: @escaping @Sendable () -> Date = { Date() }, push: PushRunner? = nil) -> Router<AppContext> {
        PlatformMetrics.bootstrap()
        let router = Router(context: AppContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: AuthMiddleware(store: store))

        router.get("/healthz") { _, _ -> Response in
            let ok = await store.ping()
            return try Reply.json(["status": ok ? "ok" : "unavailable"], status: ok ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: PlatformMetrics.registry.emitToBuffer())))
        }
        let api = APIRegistry(router: router)
        AccountAPI.register(api, store: store)
        OrganizationAPI.register(api, store: store)
        CatalogAPI.register(api, store: store)
        CollectionAPI.register(api, store: store)
        SharingAPI.register(api, store: store)
        ServiceAPI.register(api, store: store)
        PushAPI.register(api, store: store, runner: push)
        OneWindowAPI.register(api, store: store)
        BulletinAPI.register(api, store: store)
        let gatewayAuth = GatewayAuthenticator(store: store)
        Gateway(store: store, auth: gatewayAuth, now: clock).register(api)
        CaseIntake(store: store, auth: gatewayAuth, now: clock).register(api)
        OpenDataRoutes.register(router, api: api, store: store)
        let document = OpenAPIDocument.build(api.operations)
        let openapi = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        router.get("/openapi.json") { _, _ in Reply.bytes(openapi, contentType: "application/json") }
        Console.register(router, store: store)
        return router
    }

    /// The application, ready for `runService()` (which shuts down gracefully on SIGTERM/SIGINT).
    public static func application(store: Store, configuration: ServerConfiguration, logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let runner = PushRunner(store: store, transport: LivePushTransport(root: configuration.exchangeRoot))
        return Application(
            router: router(store: store, push: runner),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "shuhui"),
            services: [PushScheduler(runner: runner, every: configuration.pushInterval, logger: logger), BulletinScheduler(store: store, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
