#include "bot/matching/action_worker.h"

#include <algorithm>
#include <array>

#include "bot/matching/explain.h"
#include "bot/observe/log.h"
#include "bot/storage/message_store.h"
#include "bot/storage/statement_cache.h"
#include "core/matching/match_index.h"
#include "core/matching/programmes.h"
#include "webhooks/channel_limits.h"

namespace workmatch {
namespace {

// The reasons a person reads first, strongest first; the rest are left out
// of a short list.
constexpr std::array<std::string_view, 14> kReasonOrder = {
    "match.same_occupation",   "match.related_occupation",        "match.same_field",
    "match.language_near_miss", "match.course_language_near_miss", "match.shared_language",
    "match.skills",            "match.training_new_skills",       "match.years_short",
    "match.shortage",          "match.training_shortage",         "match.places_left",
    "match.distance",          "match.wanted_mentor"};
constexpr size_t kReasonsShown = 3;

std::vector<Reason> Strongest(std::vector<Reason> reasons) {
  auto rank = [](const Reason& r) {
    auto it = std::find(kReasonOrder.begin(), kReasonOrder.end(), r.key);
    return it == kReasonOrder.end() ? kReasonOrder.size() : static_cast<size_t>(it - kReasonOrder.begin());
  };
  std::erase_if(reasons, [&](const Reason& r) { return rank(r) == kReasonOrder.size(); });
  std::stable_sort(reasons.begin(), reasons.end(),
                   [&](const Reason& a, const Reason& b) { return rank(a) < rank(b); });
  if (reasons.size() > kReasonsShown) reasons.resize(kReasonsShown);
  return reasons;
}

const OpportunityFacts* FindFacts(const std::vector<OpportunityFacts>& list, uint32_t id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const OpportunityFacts& o) { return o.id == id; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

ActionWorker::ActionWorker(Database& db, const Catalog& catalog, const Clock& clock,
                           std::function<void()> on_outbox, std::chrono::milliseconds interval)
    : db_(db), catalog_(catalog), clock_(clock), on_outbox_(std::move(on_outbox)),
      interval_(interval) {}

ActionWorker::~ActionWorker() { Stop(); }

void ActionWorker::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      woken_ = false;
      lock.unlock();
      RunOnce();
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    }
  });
}

void ActionWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ActionWorker::Notify() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

Status ActionWorker::Refresh() {
  std::string fingerprint;
  Status s = db_.Read([&](SQLite::Database& conn) {
    ScopedStatement q = Prepared(
        conn,
        "SELECT (SELECT count(*) || ':' || COALESCE(max(updated_at), 0) FROM opportunities) || "
        "'/' || (SELECT count(*) || ':' || COALESCE(max(updated_at), 0) FROM enrolments) || "
        "'/' || (SELECT count(*) || ':' || COALESCE(max(updated_at), 0) FROM taxonomy_concepts)");
    if (q->executeStep()) fingerprint = q->getColumn(0).getString();
  });
  if (!s) return s;
  if (data_ && fingerprint == fingerprint_) return {};
  auto data = LoadMatchData(db_, /*with_people=*/false);
  if (!data) return data.error();
  data_ = std::make_unique<MatchData>(std::move(*data));
  labels_.clear();  // they belong to the data read before
  fingerprint_ = fingerprint;
  return {};
}

size_t ActionWorker::RunOnce() {
  std::vector<PendingAction> pending;
  Status read = db_.Read([&](SQLite::Database& conn) { pending = PendingMatchActions(conn, 100); });
  if (!read) {
    log::Error("matching", "cannot read pending actions", {{"error", read.error().message}});
    return 0;
  }
  if (pending.empty()) return 0;
  if (Status s = Refresh(); !s) {
    log::Error("matching", "cannot read the opportunities", {{"error", s.error().message}});
    return 0;  // tried again on the next pass
  }
  size_t finished = 0;
  bool queued = false;
  for (const PendingAction& a : pending) {
    const bool reachable = a.contact_status == "active" || a.contact_status == "opted_out";
    Outcome out = reachable ? Carry(a) : Outcome{};
    const int64_t now = ToUnixMillis(clock_.Now());
    Status s = db_.Write([&](SQLite::Database& conn) {
      if (!FinishAction(conn, a.id, out.failed ? "failed" : "done", now)) return;
      ++finished;
      if (out.record) out.record(conn, now);
      if (out.deferred) out.messages.push_back(out.deferred());
      for (const OutboundMessage& m : out.messages) {
        for (const OutboundMessage& part : FitToChannel(a.channel, m)) {
          EnqueueOutbox(conn, a.contact_id, a.channel, a.chat_id, std::nullopt, part, now);
          queued = true;
        }
      }
    });
    if (!s) log::Error("matching", "cannot store an action's result", {{"error", s.error().message}});
    if (a.name == "request_mentor") fingerprint_.clear();  // a place taken: read again next time
  }
  if (queued && on_outbox_) on_outbox_();
  log::Debug("matching", "actions carried out", {{"actions", finished}});
  return finished;
}

ActionWorker::Outcome ActionWorker::Carry(const PendingAction& a) {
  try {
    if (a.name == "find_matches") return FindMatches(a);
    if (a.name == "search_services") return SearchServices(a);
    if (a.name == "request_mentor") return RequestMentor(a);
  } catch (const std::exception& e) {
    log::Error("matching", "an action failed", {{"action", a.name}, {"error", e.what()}});
  }
  Outcome failed;
  failed.failed = true;
  failed.messages.push_back(Say(a, "results.failed"));
  return failed;
}

const OccupationLabels& ActionWorker::Labels(const std::string& locale) {
  auto it = labels_.find(locale);
  if (it != labels_.end()) return it->second;
  auto labels = LoadOccupationLabels(db_, locale);
  if (!labels) throw std::runtime_error(labels.error().message);
  return labels_.emplace(locale, std::move(*labels)).first->second;
}

OutboundMessage ActionWorker::Say(const PendingAction& a, const Render& render) {
  OutboundMessage m;
  m.text = render(a.locale);
  if (!a.second_locale.empty() && a.second_locale != a.locale && catalog_.HasLocale(a.second_locale)) {
    m.text += "\n\n" + render(a.second_locale);
  }
  return m;
}

OutboundMessage ActionWorker::Say(const PendingAction& a, const std::string& key) {
  return Say(a, [&](const std::string& locale) { return catalog_.Format(locale, key); });
}

ActionWorker::Outcome ActionWorker::FindMatches(const PendingAction& a) {
  Outcome out;
  auto person = LoadProfileFacts(db_, *data_, a.contact_id);
  if (!person) throw std::runtime_error(person.error().message);
  if (!*person || ((*person)->jobs.empty() && (*person)->skills.empty())) {
    out.messages.push_back(Say(a, "results.no_profile"));
    return out;
  }
  const ProfileFacts& p = **person;
  const Scorer scorer(data_->occupations);
  // The jobs of a hub are scored directly: the index pays off for a
  // vacancy's best people among many, not for one person's few hundred jobs.
  std::vector<Ranked> jobs = RankProgrammes(scorer, p, data_->jobs, OpportunityKind::kJob, kJobs);
  std::vector<Ranked> trainings =
      RankProgrammes(scorer, p, data_->programmes, OpportunityKind::kTraining, kTrainings);
  if (jobs.empty() && trainings.empty()) {
    out.messages.push_back(Say(a, "results.none"));
    return out;
  }
  auto section = [&](const std::string& locale, const char* heading, const std::vector<Ranked>& ranked,
                     const std::vector<OpportunityFacts>& list) {
    if (ranked.empty()) return std::string();
    ReasonWriter explain(catalog_, *data_, Labels(locale), locale);
    std::string text = catalog_.Format(locale, heading);
    int n = 0;
    for (const Ranked& r : ranked) {
      const OpportunityText& t = data_->text.at(r.id);
      text += "\n\n" + catalog_.Format(locale, t.city.empty() ? "results.item_no_place" : "results.item",
                                        {{"number", ++n}, {"title", t.title}, {"place", t.city}});
      for (const Reason& reason : Strongest(scorer.Score(p, *FindFacts(list, r.id), true).reasons)) {
        text += "\n• " + explain(reason);
      }
      if (!t.url.empty()) text += "\n" + t.url;
    }
    return text + "\n\n";
  };
  out.messages.push_back(Say(a, [&](const std::string& locale) {
    return section(locale, "results.jobs", jobs, data_->jobs) +
           section(locale, "results.trainings", trainings, data_->programmes) +
           catalog_.Format(locale, "results.more");
  }));
  out.record = [jobs, trainings, contact = a.contact_id](SQLite::Database& conn, int64_t now) {
    for (const auto* list : {&jobs, &trainings}) {
      for (const Ranked& r : *list) RecordShown(conn, contact, r.id, "opportunity_sent", r.score, now);
    }
  };
  return out;
}

ActionWorker::Outcome ActionWorker::SearchServices(const PendingAction& a) {
  Outcome out;
  auto where = LoadWhereabouts(db_, *data_, a.contact_id);
  if (!where) throw std::runtime_error(where.error().message);
  // A place given for this search wins over the profile's.
  if (const auto& place = a.args.value("place", nlohmann::json()); place.is_object()) {
    if (place.contains("lat") && place["lat"].is_number() && place.contains("lon") &&
        place["lon"].is_number()) {
      where->place = Coordinates{place["lat"].get<double>(), place["lon"].get<double>()};
    } else if (place.contains("text") && place["text"].is_string()) {
      where->town = place["text"].get<std::string>();
      if (const Town* town = data_->FindTown(where->town)) {
        where->place = town->place;
        where->country = town->country;
      } else {
        where->place.reset();
      }
    }
  }
  const std::string need = a.args.value("need", "");
  std::vector<FoundService> found =
      FindServices(need, *where, data_->services, kServices, kServiceReachKm);
  if (found.empty()) {
    out.messages.push_back(Say(a, "results.services_none"));
    return out;
  }
  out.messages.push_back(Say(a, [&](const std::string& locale) {
    std::string text = catalog_.Format(locale, "results.services",
                                       {{"count", static_cast<int64_t>(found.size())}});
    int n = 0;
    for (const FoundService& f : found) {
      const OpportunityText& t = data_->text.at(f.id);
      MessageArgs args = {{"number", ++n}, {"title", t.title}, {"place", t.city}};
      const char* key = "results.item_no_place";
      if (f.km >= 0) {
        args.emplace_back("km", static_cast<int64_t>(std::lround(f.km)));
        key = "results.service_km";
      } else if (!t.city.empty()) {
        key = "results.item";
      }
      text += "\n\n" + catalog_.Format(locale, key, args);
      if (!t.url.empty()) text += "\n" + t.url;
    }
    return text;
  }));
  out.record = [found, contact = a.contact_id](SQLite::Database& conn, int64_t now) {
    for (const FoundService& f : found) RecordShown(conn, contact, f.id, "service_referred", 0, now);
  };
  return out;
}

ActionWorker::Outcome ActionWorker::RequestMentor(const PendingAction& a) {
  Outcome out;
  std::optional<int64_t> current;
  Status s = db_.Read([&](SQLite::Database& conn) { current = CurrentMentoring(conn, a.contact_id); });
  if (!s) throw std::runtime_error(s.error().message);
  if (current && data_->text.count(static_cast<uint32_t>(*current))) {
    const OpportunityText& t = data_->text.at(static_cast<uint32_t>(*current));
    out.messages.push_back(Say(a, [&](const std::string& locale) {
      return catalog_.Format(locale, "results.mentor_already", {{"title", t.title}});
    }));
    return out;
  }
  auto person = LoadProfileFacts(db_, *data_, a.contact_id);
  if (!person) throw std::runtime_error(person.error().message);
  const Scorer scorer(data_->occupations);
  std::vector<Ranked> ranked;
  if (*person) {
    ranked = RankProgrammes(scorer, **person, data_->programmes, OpportunityKind::kMentoring, 5);
  }
  // The best one with a place still free when the place is taken (another
  // person may have taken the last one meanwhile).
  auto taken = std::make_shared<std::optional<uint32_t>>();
  out.record = [ranked, taken, contact = a.contact_id](SQLite::Database& conn, int64_t now) {
    for (const Ranked& r : ranked) {
      if (TakePlace(conn, r.id, contact, "mentor_matched", now)) {
        *taken = r.id;
        return;
      }
    }
  };
  if (ranked.empty()) {
    out.messages.push_back(Say(a, "results.mentor_none"));
    return out;
  }
  // The message names the mentoring whose place was taken.
  out.deferred = [this, a, taken]() {
    if (!*taken) return Say(a, "results.mentor_none");
    const OpportunityText& t = data_->text.at(**taken);
    return Say(a, [&](const std::string& locale) {
      return catalog_.Format(locale, "results.mentor_found",
                             {{"title", t.title}, {"organization", t.organization}});
    });
  };
  return out;
}

}  // namespace workmatch
