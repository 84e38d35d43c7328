#include "bot/matching/match_data.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "bot/storage/statement_cache.h"
#include "core/text/normalize.h"
#include "core/vocabulary.h"

namespace workmatch {
namespace {

using json = nlohmann::json;

// Numbers the taxonomy's things as the core wants them, growing `data`.
class Ids {
 public:
  explicit Ids(MatchData& d) : d_(d) {}

  uint32_t Occupation(const std::string& uri, const std::string& isco = "",
                      const std::string& sector = "") {
    auto [it, fresh] = d_.occupation_id.emplace(uri, static_cast<uint32_t>(d_.occupations.size()));
    if (fresh) {
      d_.occupations.push_back({isco, {}, 0});
      d_.occupation_uri.push_back(uri);
    }
    OccupationInfo& o = d_.occupations[it->second];
    if (o.isco.empty()) o.isco = isco;
    if (o.sector == 0) {
      // Without the team's sector, the ISCO sub-major group stands for one.
      const std::string name = !sector.empty() ? sector
                               : o.isco.size() >= 2 ? "isco:" + o.isco.substr(0, 2)
                                                    : std::string();
      if (!name.empty()) {
        o.sector = d_.sector_id.emplace(name, static_cast<uint16_t>(d_.sector_id.size() + 1))
                       .first->second;
      }
    }
    return it->second;
  }
  uint32_t Skill(const std::string& uri) {
    return d_.skill_id.emplace(uri, static_cast<uint32_t>(d_.skill_id.size())).first->second;
  }
  uint16_t Language(const std::string& code) {
    auto [it, fresh] = d_.language_id.emplace(code, static_cast<uint16_t>(d_.language_code.size()));
    if (fresh) d_.language_code.push_back(code);
    return it->second;
  }

 private:
  MatchData& d_;
};

Hours HoursOf(const std::string& s) {
  if (s == "full_time") return Hours::kFullTime;
  if (s == "part_time") return Hours::kPartTime;
  return Hours::kAny;
}

RightToWork RightToWorkOf(const std::string& s) {
  if (s == "yes") return RightToWork::kYes;
  if (s == "waiting") return RightToWork::kWaiting;
  if (s == "not_sure") return RightToWork::kNotSure;
  if (s == "no") return RightToWork::kNo;
  return RightToWork::kUnknown;
}

void SortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::optional<Coordinates> PlaceAt(SQLite::Statement& q, int lat, int lon) {
  if (q.getColumn(lat).isNull() || q.getColumn(lon).isNull()) return std::nullopt;
  return Coordinates{q.getColumn(lat).getDouble(), q.getColumn(lon).getDouble()};
}

void LoadTaxonomy(SQLite::Database& conn, Ids& ids, MatchData& d) {
  ScopedStatement q = Prepared(conn,
                               "SELECT uri, COALESCE(code, ''), COALESCE(sector, '') FROM "
                               "taxonomy_concepts WHERE kind = 'occupation'");
  while (q->executeStep()) {
    ids.Occupation(q->getColumn(0).getString(), q->getColumn(1).getString(),
                   q->getColumn(2).getString());
  }
  ScopedStatement r = Prepared(conn,
                               "SELECT occupation_uri, skill_uri FROM "
                               "taxonomy_occupation_skills WHERE essential = 1");
  while (r->executeStep()) {
    auto it = d.occupation_id.find(r->getColumn(0).getString());
    if (it != d.occupation_id.end()) {
      d.occupations[it->second].essential.push_back(ids.Skill(r->getColumn(1).getString()));
    }
  }
  for (OccupationInfo& o : d.occupations) SortUnique(o.essential);
}

void LoadOpportunities(SQLite::Database& conn, Ids& ids, MatchData& d) {
  std::set<std::pair<std::string, std::string>> regulated, shortage;  // (uri, country), (country, isco)
  {
    ScopedStatement q = Prepared(conn, "SELECT occupation_uri, country FROM taxonomy_regulated");
    while (q->executeStep()) regulated.emplace(q->getColumn(0).getString(), q->getColumn(1).getString());
    ScopedStatement r = Prepared(conn, "SELECT country, isco_code FROM taxonomy_shortages");
    while (r->executeStep()) shortage.emplace(r->getColumn(0).getString(), r->getColumn(1).getString());
  }
  ScopedStatement q = Prepared(
      conn,
      "SELECT o.id, o.external_id, o.title, o.kind, COALESCE(o.occupation_uri, ''), "
      "COALESCE(o.isco_code, ''), COALESCE(o.service_type, ''), COALESCE(o.country, ''), "
      "COALESCE(o.city, ''), o.latitude, o.longitude, COALESCE(o.employment_type, ''), "
      "o.min_years, o.requires_right_to_work, o.requires_recognition, COALESCE(o.url, ''), "
      "org.name, o.capacity - (SELECT count(*) FROM enrolments e WHERE e.opportunity_id = o.id "
      "AND e.status IN ('requested', 'active')) FROM opportunities o JOIN organizations org ON "
      "org.id = o.organization_id WHERE o.status = 'open'");
  std::map<int64_t, OpportunityFacts*> by_id;
  while (q->executeStep()) {
    const uint32_t id = static_cast<uint32_t>(q->getColumn(0).getInt64());
    const std::string kind = q->getColumn(3).getString();
    const std::string uri = q->getColumn(4).getString();
    const std::string country = q->getColumn(7).getString();
    if (kind == "service") {
      if (q->getColumn(6).getString().empty()) continue;
      d.services.push_back({id, q->getColumn(6).getString(), country, q->getColumn(8).getString(),
                            PlaceAt(*q, 9, 10)});
    } else {
      if (uri.empty()) continue;  // a job, training or mentoring without an occupation
      OpportunityFacts o;
      o.id = id;
      o.kind = kind == "training"    ? OpportunityKind::kTraining
               : kind == "mentoring" ? OpportunityKind::kMentoring
                                     : OpportunityKind::kJob;
      o.occupation = ids.Occupation(uri, q->getColumn(5).getString());
      o.place = PlaceAt(*q, 9, 10);
      o.hours = HoursOf(q->getColumn(11).getString());
      o.min_years = static_cast<float>(q->getColumn(12).getDouble());
      o.needs_right_to_work = q->getColumn(13).getInt() != 0;
      o.needs_recognition = q->getColumn(14).getInt() != 0 || regulated.count({uri, country});
      o.shortage = shortage.count({country, d.occupations[o.occupation].isco}) > 0;
      if (!q->getColumn(17).isNull()) {
        o.places_left = static_cast<int32_t>(std::max<int64_t>(0, q->getColumn(17).getInt64()));
      }
      auto& list = o.kind == OpportunityKind::kJob ? d.jobs : d.programmes;
      list.push_back(std::move(o));
    }
    d.text[id] = {q->getColumn(1).getString(), q->getColumn(2).getString(),
                  q->getColumn(8).getString(), q->getColumn(15).getString(),
                  q->getColumn(16).getString()};
  }
  std::set<std::string> seen;
  ScopedStatement towns = Prepared(conn,
                                   "SELECT city, COALESCE(country, ''), avg(latitude), "
                                   "avg(longitude) FROM opportunities WHERE city IS NOT NULL AND "
                                   "latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY city, "
                                   "country");
  while (towns->executeStep()) {
    std::string folded = FoldForMatching(towns->getColumn(0).getString());
    if (folded.empty() || !seen.insert(folded).second) continue;
    d.towns.push_back({std::move(folded), towns->getColumn(1).getString(),
                       {towns->getColumn(2).getDouble(), towns->getColumn(3).getDouble()}});
  }
  std::sort(d.towns.begin(), d.towns.end(),
            [](const Town& a, const Town& b) { return a.folded.size() > b.folded.size(); });
  for (auto* list : {&d.jobs, &d.programmes}) {
    for (OpportunityFacts& o : *list) by_id[o.id] = &o;
  }
  ScopedStatement sk = Prepared(conn, "SELECT opportunity_id, skill_uri, essential FROM opportunity_skills");
  while (sk->executeStep()) {
    auto it = by_id.find(sk->getColumn(0).getInt64());
    if (it == by_id.end()) continue;
    (sk->getColumn(2).getInt() ? it->second->essential : it->second->optional)
        .push_back(ids.Skill(sk->getColumn(1).getString()));
  }
  ScopedStatement la = Prepared(conn, "SELECT opportunity_id, language, min_cefr FROM opportunity_languages");
  while (la->executeStep()) {
    auto it = by_id.find(la->getColumn(0).getInt64());
    auto rank = CefrRank(la->getColumn(2).getString());
    if (it == by_id.end() || !rank) continue;
    it->second->languages.push_back(
        {ids.Language(la->getColumn(1).getString()), static_cast<uint8_t>(*rank)});
  }
  for (auto& [id, o] : by_id) {
    SortUnique(o->essential);
    SortUnique(o->optional);
  }
}

// Newcomers with a profile: all of them (contact 0) or one.
void LoadPeople(SQLite::Database& conn, Ids& ids, const MatchData& d,
                std::vector<ProfileFacts>& people, int64_t contact_id) {
  // Each statement in two forms: everyone's rows, or one person's (by index).
#define WM_PEOPLE                                                                         \
  "SELECT p.contact_id, p.latitude, p.longitude, COALESCE(p.max_travel_km, 0), "          \
  "COALESCE(p.right_to_work, ''), COALESCE(p.availability, ''), "                         \
  "COALESCE(p.recognition_status, ''), p.looking_for, COALESCE(p.location_text, '') FROM " \
  "profiles p JOIN contacts c ON c.id = p.contact_id WHERE c.role = 'newcomer' AND "      \
  "c.status IN ('active', 'opted_out')"
#define WM_JOBS                                                                      \
  "SELECT contact_id, concept_uri, COALESCE(years, 0), COALESCE(isco_code, '') FROM " \
  "profile_occupations WHERE concept_uri IS NOT NULL"
#define WM_SKILLS "SELECT contact_id, skill_uri FROM profile_skills WHERE skill_uri IS NOT NULL"
#define WM_LANGUAGES "SELECT contact_id, language, cefr FROM profile_languages WHERE 1"
  auto statement = [&](const char* everyone, const char* one) {
    return Prepared(conn, contact_id ? one : everyone);
  };
  ScopedStatement q = statement(WM_PEOPLE, WM_PEOPLE " AND p.contact_id = ?1");
  if (contact_id) q->bind(1, contact_id);
  std::map<int64_t, size_t> index;
  while (q->executeStep()) {
    ProfileFacts p;
    p.id = static_cast<uint32_t>(q->getColumn(0).getInt64());
    p.place = PlaceAt(*q, 1, 2);
    if (!p.place) {
      if (const Town* town = d.FindTown(q->getColumn(8).getString())) p.place = town->place;
    }
    p.max_km = static_cast<uint16_t>(std::clamp<int64_t>(q->getColumn(3).getInt64(), 0, 65535));
    p.right_to_work = RightToWorkOf(q->getColumn(4).getString());
    p.hours = HoursOf(q->getColumn(5).getString());
    p.recognized = q->getColumn(6).getString() == "recognized";
    const json wants = json::parse(q->getColumn(7).getString(), nullptr, false);
    if (wants.is_array()) {
      for (const json& w : wants) {
        p.wants_training |= w == "training";
        p.wants_mentor |= w == "mentor";
      }
    }
    index[p.id] = people.size();
    people.push_back(std::move(p));
  }
  ScopedStatement oc = statement(WM_JOBS, WM_JOBS " AND contact_id = ?1");
  if (contact_id) oc->bind(1, contact_id);
  while (oc->executeStep()) {
    auto it = index.find(oc->getColumn(0).getInt64());
    if (it == index.end()) continue;
    people[it->second].jobs.push_back(
        {ids.Occupation(oc->getColumn(1).getString(), oc->getColumn(3).getString()),
         static_cast<float>(oc->getColumn(2).getDouble())});
  }
  ScopedStatement sk = statement(WM_SKILLS, WM_SKILLS " AND contact_id = ?1");
  if (contact_id) sk->bind(1, contact_id);
  while (sk->executeStep()) {
    auto it = index.find(sk->getColumn(0).getInt64());
    if (it != index.end()) people[it->second].skills.push_back(ids.Skill(sk->getColumn(1).getString()));
  }
  ScopedStatement la = statement(WM_LANGUAGES, WM_LANGUAGES " AND contact_id = ?1");
  if (contact_id) la->bind(1, contact_id);
  while (la->executeStep()) {
    auto it = index.find(la->getColumn(0).getInt64());
    auto rank = CefrRank(la->getColumn(2).getString());
    if (it == index.end() || !rank) continue;
    people[it->second].languages.push_back(
        {ids.Language(la->getColumn(1).getString()), static_cast<uint8_t>(*rank)});
  }
  for (ProfileFacts& p : people) SortUnique(p.skills);
#undef WM_PEOPLE
#undef WM_JOBS
#undef WM_SKILLS
#undef WM_LANGUAGES
}

}  // namespace

Result<MatchData> LoadMatchData(Database& db, bool with_people) {
  MatchData d;
  Ids ids(d);
  Status s = db.Read([&](SQLite::Database& conn) {
    LoadTaxonomy(conn, ids, d);
    LoadOpportunities(conn, ids, d);
    if (with_people) LoadPeople(conn, ids, d, d.people, 0);
  });
  if (!s) return s.error();
  return d;
}

Result<std::optional<ProfileFacts>> LoadProfileFacts(Database& db, MatchData& data,
                                                     int64_t contact_id) {
  Ids ids(data);
  std::vector<ProfileFacts> people;
  Status s = db.Read([&](SQLite::Database& conn) { LoadPeople(conn, ids, data, people, contact_id); });
  if (!s) return s.error();
  if (people.empty()) return std::optional<ProfileFacts>();
  return std::optional<ProfileFacts>(std::move(people.front()));
}

const Town* MatchData::FindTown(std::string_view words) const {
  const std::string folded = FoldForMatching(words);
  auto separator = [&](size_t i) {  // a byte that is not part of a word
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    return c < 0x80 && !std::isalnum(c);
  };
  for (const Town& t : towns) {
    for (size_t at = folded.find(t.folded); at != std::string::npos;
         at = folded.find(t.folded, at + 1)) {
      const size_t end = at + t.folded.size();
      if ((at == 0 || separator(at - 1)) && (end == folded.size() || separator(end))) return &t;
    }
  }
  return nullptr;
}

Result<Whereabouts> LoadWhereabouts(Database& db, const MatchData& data, int64_t contact_id) {
  Whereabouts w;
  Status s = db.Read([&](SQLite::Database& conn) {
    ScopedStatement q = Prepared(conn,
                                 "SELECT latitude, longitude, COALESCE(location_text, ''), "
                                 "COALESCE(country, '') FROM profiles WHERE contact_id = ?");
    q->bind(1, contact_id);
    if (q->executeStep()) {
      w.place = PlaceAt(*q, 0, 1);
      w.town = q->getColumn(2).getString();
      w.country = q->getColumn(3).getString();
    }
  });
  if (!s) return s.error();
  if (const Town* town = data.FindTown(w.town)) {
    if (!w.place) w.place = town->place;
    if (w.country.empty()) w.country = town->country;
  }
  return w;
}

}  // namespace workmatch
