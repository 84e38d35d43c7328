#include "bot/matching/match_data.h"

#include <algorithm>
#include <map>
#include <set>

#include "bot/storage/statement_cache.h"
#include "core/vocabulary.h"

namespace workmatch {
namespace {

class Ids {
 public:
  explicit Ids(MatchData& d) : d_(d) {}
  uint32_t Occupation(const std::string& uri, const std::string& isco = "") {
    auto [it, fresh] = d_.occupation_id.emplace(uri, static_cast<uint32_t>(d_.occupations.size()));
    if (fresh) {
      d_.occupations.push_back({isco, {}});
      d_.occupation_uri.push_back(uri);
    } else if (!isco.empty() && d_.occupations[it->second].isco.empty()) {
      d_.occupations[it->second].isco = isco;
    }
    return it->second;
  }
  uint32_t Skill(const std::string& uri) {
    return d_.skill_id.emplace(uri, static_cast<uint32_t>(d_.skill_id.size())).first->second;
  }
  uint16_t Language(const std::string& code) {
    auto [it, fresh] = languages_.emplace(code, static_cast<uint16_t>(d_.language_code.size()));
    if (fresh) d_.language_code.push_back(code);
    return it->second;
  }

 private:
  MatchData& d_;
  std::map<std::string, uint16_t> languages_;
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

}  // namespace

Result<MatchData> LoadMatchData(Database& db) {
  MatchData d;
  Ids ids(d);
  Status s = db.Read([&](SQLite::Database& conn) {
    {  // Occupations with their ISCO unit group and essential skills.
      ScopedStatement q = Prepared(conn,
                                   "SELECT uri, COALESCE(code, '') FROM taxonomy_concepts WHERE "
                                   "kind = 'occupation'");
      while (q->executeStep()) ids.Occupation(q->getColumn(0).getString(), q->getColumn(1).getString());
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
    std::set<std::pair<std::string, std::string>> regulated, shortage;  // (uri, country), (country, isco)
    {
      ScopedStatement q = Prepared(conn, "SELECT occupation_uri, country FROM taxonomy_regulated");
      while (q->executeStep()) regulated.emplace(q->getColumn(0).getString(), q->getColumn(1).getString());
      ScopedStatement r = Prepared(conn, "SELECT country, isco_code FROM taxonomy_shortages");
      while (r->executeStep()) shortage.emplace(r->getColumn(0).getString(), r->getColumn(1).getString());
    }
    {  // Open opportunities that name an occupation.
      ScopedStatement q = Prepared(
          conn,
          "SELECT id, external_id, title, occupation_uri, COALESCE(isco_code, ''), "
          "COALESCE(country, ''), latitude, longitude, COALESCE(employment_type, ''), min_years, "
          "requires_right_to_work, requires_recognition FROM opportunities WHERE status = 'open' "
          "AND occupation_uri IS NOT NULL");
      std::map<int64_t, size_t> index;
      while (q->executeStep()) {
        OpportunityFacts o;
        o.id = static_cast<uint32_t>(q->getColumn(0).getInt64());
        const std::string uri = q->getColumn(3).getString();
        const std::string country = q->getColumn(5).getString();
        o.occupation = ids.Occupation(uri, q->getColumn(4).getString());
        if (!q->getColumn(6).isNull() && !q->getColumn(7).isNull()) {
          o.place = Coordinates{q->getColumn(6).getDouble(), q->getColumn(7).getDouble()};
        }
        o.hours = HoursOf(q->getColumn(8).getString());
        o.min_years = static_cast<float>(q->getColumn(9).getDouble());
        o.needs_right_to_work = q->getColumn(10).getInt() != 0;
        o.needs_recognition = q->getColumn(11).getInt() != 0 || regulated.count({uri, country});
        o.shortage = shortage.count({country, d.occupations[o.occupation].isco}) > 0;
        d.title[o.id] = q->getColumn(2).getString();
        d.external[o.id] = q->getColumn(1).getString();
        index[o.id] = d.opportunities.size();
        d.opportunities.push_back(std::move(o));
      }
      ScopedStatement sk = Prepared(conn, "SELECT opportunity_id, skill_uri, essential FROM opportunity_skills");
      while (sk->executeStep()) {
        auto it = index.find(sk->getColumn(0).getInt64());
        if (it == index.end()) continue;
        OpportunityFacts& o = d.opportunities[it->second];
        (sk->getColumn(2).getInt() ? o.essential : o.optional).push_back(ids.Skill(sk->getColumn(1).getString()));
      }
      ScopedStatement la = Prepared(conn, "SELECT opportunity_id, language, min_cefr FROM opportunity_languages");
      while (la->executeStep()) {
        auto it = index.find(la->getColumn(0).getInt64());
        auto rank = CefrRank(la->getColumn(2).getString());
        if (it == index.end() || !rank) continue;
        d.opportunities[it->second].languages.push_back(
            {ids.Language(la->getColumn(1).getString()), static_cast<uint8_t>(*rank)});
      }
      for (OpportunityFacts& o : d.opportunities) {
        SortUnique(o.essential);
        SortUnique(o.optional);
      }
    }
    {  // Newcomers with a profile.
      ScopedStatement q = Prepared(
          conn,
          "SELECT p.contact_id, p.latitude, p.longitude, COALESCE(p.max_travel_km, 0), "
          "COALESCE(p.right_to_work, ''), COALESCE(p.availability, ''), "
          "COALESCE(p.recognition_status, '') FROM profiles p JOIN contacts c ON c.id = "
          "p.contact_id WHERE c.role = 'newcomer' AND c.status IN ('active', 'opted_out')");
      std::map<int64_t, size_t> index;
      while (q->executeStep()) {
        ProfileFacts p;
        p.id = static_cast<uint32_t>(q->getColumn(0).getInt64());
        if (!q->getColumn(1).isNull() && !q->getColumn(2).isNull()) {
          p.place = Coordinates{q->getColumn(1).getDouble(), q->getColumn(2).getDouble()};
        }
        p.max_km = static_cast<uint16_t>(std::clamp<int64_t>(q->getColumn(3).getInt64(), 0, 65535));
        p.right_to_work = RightToWorkOf(q->getColumn(4).getString());
        p.hours = HoursOf(q->getColumn(5).getString());
        p.recognized = q->getColumn(6).getString() == "recognized";
        index[p.id] = d.people.size();
        d.people.push_back(std::move(p));
      }
      ScopedStatement oc = Prepared(conn,
                                    "SELECT contact_id, concept_uri, COALESCE(years, 0) FROM "
                                    "profile_occupations WHERE concept_uri IS NOT NULL ORDER BY "
                                    "contact_id, position");
      while (oc->executeStep()) {
        auto it = index.find(oc->getColumn(0).getInt64());
        if (it == index.end()) continue;
        d.people[it->second].jobs.push_back(
            {ids.Occupation(oc->getColumn(1).getString()), static_cast<float>(oc->getColumn(2).getDouble())});
      }
      ScopedStatement sk = Prepared(conn,
                                    "SELECT contact_id, skill_uri FROM profile_skills WHERE "
                                    "skill_uri IS NOT NULL");
      while (sk->executeStep()) {
        auto it = index.find(sk->getColumn(0).getInt64());
        if (it != index.end()) d.people[it->second].skills.push_back(ids.Skill(sk->getColumn(1).getString()));
      }
      ScopedStatement la = Prepared(conn, "SELECT contact_id, language, cefr FROM profile_languages");
      while (la->executeStep()) {
        auto it = index.find(la->getColumn(0).getInt64());
        auto rank = CefrRank(la->getColumn(2).getString());
        if (it == index.end() || !rank) continue;
        d.people[it->second].languages.push_back(
            {ids.Language(la->getColumn(1).getString()), static_cast<uint8_t>(*rank)});
      }
      for (ProfileFacts& p : d.people) SortUnique(p.skills);
    }
  });
  if (!s) return s.error();
  return d;
}

}  // namespace workmatch
