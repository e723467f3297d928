import CoreMetrics
import Foundation
import Prometheus

/// The process-wide Prometheus registry. `MetricsSystem` can be bootstrapped once per
/// process, and tests build many applications, so this happens once, lazily.
enum PlatformMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Makes sure the factory is in place before the first request is counted.
    static func bootstrap() { _ = registry }
}
