// The closed vocabularies of the domain: channels, roles, organization and
// opportunity kinds, CEFR levels, journey steps.
//
// These names are stored in the database (whose CHECK constraints list the same
// values; tests/bot/storage_test.cc proves they agree) and exchanged with
// deployments, so they never change once released; new values are added.
#ifndef WORKMATCH_CORE_VOCABULARY_H_
#define WORKMATCH_CORE_VOCABULARY_H_

#include <optional>
#include <span>
#include <string_view>

namespace workmatch {

std::span<const std::string_view> Channels();           // telegram, whatsapp, webchat, cli
std::span<const std::string_view> ContactRoles();       // newcomer, caseworker, employer, admin
std::span<const std::string_view> ContactStatuses();    // active, blocked, opted_out, erased
std::span<const std::string_view> OrganizationKinds();  // hub, ngo, public_service, ...
std::span<const std::string_view> OpportunityKinds();   // job, training, mentoring, service
std::span<const std::string_view> CefrLevels();         // A1 .. C2, native (ascending)
std::span<const std::string_view> JourneySteps();       // first_contact ... data_erased

// True when `value` is one of `vocabulary`.
bool IsIn(std::span<const std::string_view> vocabulary, std::string_view value);

// The rank of a CEFR level: A1 = 1 ... C2 = 6, native = 7; nullopt for anything
// else. Comparing ranks answers "does B2 meet a B1 minimum".
std::optional<int> CefrRank(std::string_view level);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_VOCABULARY_H_
