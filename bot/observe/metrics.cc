#include "bot/observe/metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace workmatch {
namespace {

// Label values are escaped as the exposition format requires.
std::string Escape(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  auto it = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds);
  if (it != kLatencyBuckets.end()) ++h.buckets[static_cast<size_t>(it - kLatencyBuckets.begin())];
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::Increment(const std::string& name, const std::string& label_name,
                        const std::string& label_value, uint64_t by) {
  std::string label =
      label_name.empty() ? "" : fmt::format("{}=\"{}\"", label_name, Escape(label_value));
  std::lock_guard lock(mutex_);
  counters_[{name, label}] += by;
}

std::string Metrics::Render() const {
  // Gauges may take their own locks (the database); read them outside ours.
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(mutex_);
    gauges = gauges_;
  }
  std::string out;
  out +=
      "# HELP workmatch_http_requests_total HTTP requests answered, by route, method and status.\n";
  out += "# TYPE workmatch_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format(
          "workmatch_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
          Escape(route), Escape(method), status, count);
    }
    out += "# HELP workmatch_http_request_duration_seconds Time from routing to the answer.\n";
    out += "# TYPE workmatch_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        cumulative += h.buckets[i];
        out += fmt::format(
            "workmatch_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{:g}\"}} {}\n",
            Escape(route), kLatencyBuckets[i], cumulative);
      }
      out += fmt::format(
          "workmatch_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
          Escape(route), h.count);
      out += fmt::format("workmatch_http_request_duration_seconds_sum{{route=\"{}\"}} {:g}\n",
                         Escape(route), h.sum);
      out += fmt::format("workmatch_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                         Escape(route), h.count);
    }
    std::string last_counter;
    for (const auto& [key, value] : counters_) {
      const auto& [name, label] = key;
      if (name != last_counter) {
        out += fmt::format("# TYPE {} counter\n", name);
        last_counter = name;
      }
      if (label.empty()) {
        out += fmt::format("{} {}\n", name, value);
      } else {
        out += fmt::format("{}{{{}}} {}\n", name, label, value);
      }
    }
  }
  for (const Gauge& g : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {:g}\n", g.name, g.help, g.name, g.name,
                       g.read());
  }
  return out;
}

}  // namespace workmatch
