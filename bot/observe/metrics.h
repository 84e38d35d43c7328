// Metrics: counters, a latency histogram and gauges, rendered in the Prometheus
// text exposition format (version 0.0.4) for GET /metrics.
//
// Thread-safe. Gauges are read when rendered, from callbacks registered at
// start-up (queue depths read from the database, the write queue).
#ifndef WORKMATCH_BOT_OBSERVE_METRICS_H_
#define WORKMATCH_BOT_OBSERVE_METRICS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace workmatch {

class Metrics {
 public:
  // Upper bounds, in seconds, of the request latency histogram.
  static constexpr std::array<double, 13> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  // One finished HTTP request. `route` is the route pattern, never the raw path
  // (so that labels stay few and carry no identifiers).
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);

  // Adds a gauge read on every render. `name` follows Prometheus naming
  // ("workmatch_inbox_pending"). Register all gauges before serving.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // Adds to a counter, with one optional label:
  // Increment("workmatch_outbox_results_total", "outcome", "sent").
  void Increment(const std::string& name, const std::string& label_name = "",
                 const std::string& label_value = "", uint64_t by = 1);

  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                // by route
  std::map<std::pair<std::string, std::string>, uint64_t> counters_;        // name, label
  std::vector<Gauge> gauges_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_OBSERVE_METRICS_H_
