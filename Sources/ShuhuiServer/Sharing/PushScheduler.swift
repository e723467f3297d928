import Foundation
import Logging
import ServiceLifecycle
import ShuhuiStore

/// Runs due push subscriptions every few seconds while the server runs. On start-up the first
/// pass picks up deliveries a crash left pending, and sends them again under the same batch id.
struct PushScheduler: Service {
    let runner: PushRunner
    let every: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let n = try await runner.runDue()
                    if n > 0 { logger.info("push deliveries acknowledged", metadata: ["count": "\(n)"]) }
                } catch {
                    logger.error("push pass failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: every)
            }
        }
    }
}
