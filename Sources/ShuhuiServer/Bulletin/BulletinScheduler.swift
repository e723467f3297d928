import Foundation
import Logging
import ServiceLifecycle
import ShuhuiCore
import ShuhuiStore

/// Generates the Friday draft of the weekly bulletin (and the monthly report's draft on the
/// 1st) inside the server, as a service of the application's service group: it stops with the
/// server on SIGTERM/SIGINT.
struct BulletinScheduler: Service {
    let store: Store
    let logger: Logger
    /// How often the calendar is looked at.
    var interval: Duration = .seconds(60)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                for made in try await store.generateScheduledDrafts() {
                    logger.info("bulletin draft generated", metadata: ["kind": "\(made.kind.rawValue)", "periodEnd": "\(made.end)"])
                }
            } catch {
                logger.error("bulletin scheduler failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
