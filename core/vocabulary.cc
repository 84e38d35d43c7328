#include "core/vocabulary.h"

#include <algorithm>
#include <array>

namespace workmatch {
namespace {

constexpr std::array<std::string_view, 4> kChannels = {"telegram", "whatsapp", "webchat", "cli"};
constexpr std::array<std::string_view, 4> kRoles = {"newcomer", "caseworker", "employer", "admin"};
constexpr std::array<std::string_view, 4> kStatuses = {"active", "blocked", "opted_out", "erased"};
constexpr std::array<std::string_view, 6> kOrganizationKinds = {
    "hub", "ngo", "public_service", "municipality", "employer", "training_provider"};
constexpr std::array<std::string_view, 4> kOpportunityKinds = {"job", "training", "mentoring",
                                                               "service"};
constexpr std::array<std::string_view, 7> kCefr = {"A1", "A2", "B1", "B2", "C1", "C2", "native"};
constexpr std::array<std::string_view, 26> kJourneySteps = {"first_contact",
                                                            "referred",
                                                            "language_chosen",
                                                            "consent_given",
                                                            "consent_declined",
                                                            "consent_withdrawn",
                                                            "language_changed",
                                                            "second_language_on",
                                                            "intake_started",
                                                            "intake_completed",
                                                            "alerts_subscribed",
                                                            "opportunity_sent",
                                                            "interest_expressed",
                                                            "introduced",
                                                            "interview",
                                                            "hired",
                                                            "handoff_opened",
                                                            "handoff_closed",
                                                            "service_referred",
                                                            "mentor_matched",
                                                            "recognition_started",
                                                            "training_enrolled",
                                                            "opted_out",
                                                            "opted_in",
                                                            "data_erased"};

}  // namespace

std::span<const std::string_view> Channels() { return kChannels; }
std::span<const std::string_view> ContactRoles() { return kRoles; }
std::span<const std::string_view> ContactStatuses() { return kStatuses; }
std::span<const std::string_view> OrganizationKinds() { return kOrganizationKinds; }
std::span<const std::string_view> OpportunityKinds() { return kOpportunityKinds; }
std::span<const std::string_view> CefrLevels() { return kCefr; }
std::span<const std::string_view> JourneySteps() { return kJourneySteps; }

bool IsIn(std::span<const std::string_view> vocabulary, std::string_view value) {
  return std::find(vocabulary.begin(), vocabulary.end(), value) != vocabulary.end();
}

std::optional<int> CefrRank(std::string_view level) {
  auto it = std::find(kCefr.begin(), kCefr.end(), level);
  if (it == kCefr.end()) return std::nullopt;
  return static_cast<int>(it - kCefr.begin()) + 1;
}

}  // namespace workmatch
