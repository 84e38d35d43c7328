// ActionWorker: carries out what conversations ask of matching (the
// dialog_actions queue), for the person who asked, in their language:
//   find_matches     the best jobs (3) and trainings (2): title, place, the
//                    strongest reasons and the link; each one shown becomes
//                    an opportunity_sent step and an alerts_sent row
//   search_services  services for the need near the place given (or the
//                    profile's), nearest first (3, within 100 km when the
//                    place is known); service_referred steps
//   request_mentor   the best mentoring with a place left: the place is
//                    taken (enrolments), a mentor_matched step
// One transaction per action: its messages enter the outbox and the action is
// marked done, or failed with an apology to the person when it cannot be
// carried out. Nothing is queued for blocked or erased contacts.
//
// The opportunities and taxonomy are read again when they change; a
// person's profile is read for each action (they may just have edited it).
// Runs on its own thread: woken by Notify (after a conversation's batch) and
// every interval.
#ifndef WORKMATCH_BOT_MATCHING_ACTION_WORKER_H_
#define WORKMATCH_BOT_MATCHING_ACTION_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "bot/matching/explain.h"
#include "bot/matching/match_data.h"
#include "bot/storage/database.h"
#include "bot/storage/match_store.h"
#include "core/clock.h"
#include "core/messaging/messages.h"
#include "core/text/catalog.h"

namespace workmatch {

class ActionWorker {
 public:
  static constexpr size_t kJobs = 3, kTrainings = 2, kServices = 3;
  static constexpr double kServiceReachKm = 100;  // services farther away are not offered

  ActionWorker(Database& db, const Catalog& catalog, const Clock& clock,
               std::function<void()> on_outbox,
               std::chrono::milliseconds interval = std::chrono::seconds(5));
  ~ActionWorker();

  void Start();
  void Stop();
  void Notify();
  // One pass over the pending actions (tests and `workmatch chat` call it).
  // Returns the actions finished.
  size_t RunOnce();

 private:
  struct Outcome {
    std::vector<OutboundMessage> messages;
    std::function<void(SQLite::Database&, int64_t now)> record;  // in the same transaction
    std::function<OutboundMessage()> deferred;  // a message that depends on what `record` did
    bool failed = false;
  };
  Outcome Carry(const PendingAction& a);
  Outcome FindMatches(const PendingAction& a);
  Outcome SearchServices(const PendingAction& a);
  Outcome RequestMentor(const PendingAction& a);
  // A message written by `render` in the person's language, and under it in
  // their second language when they chose one.
  using Render = std::function<std::string(const std::string& locale)>;
  OutboundMessage Say(const PendingAction& a, const Render& render);
  OutboundMessage Say(const PendingAction& a, const std::string& key);
  const OccupationLabels& Labels(const std::string& locale);
  // Reads the opportunities again when they changed since the last read.
  Status Refresh();

  Database& db_;
  const Catalog& catalog_;
  const Clock& clock_;
  std::function<void()> on_outbox_;
  std::chrono::milliseconds interval_;

  std::unique_ptr<MatchData> data_;
  std::string fingerprint_;
  std::map<std::string, OccupationLabels> labels_;  // by locale, for data_

  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false, woken_ = false;
  std::thread thread_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_MATCHING_ACTION_WORKER_H_
