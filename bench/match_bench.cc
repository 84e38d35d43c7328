// match_bench: the matching index against exhaustive scoring, in one run.
//
// A seeded synthetic population drawn from the default taxonomy
// (data/taxonomy/): occupations with skewed real-world frequencies (Zipf over
// sectors where newcomers work most), skills from each occupation's own plus
// a few others, languages, and places around European cities weighted by
// size. Prints the index's build time and memory per profile, then the
// median and p99 latency of top-50 people for an opportunity and top-20
// opportunities for a person, the same queries by exhaustive scoring, the
// speed-up, and whether both gave identical top K.
//
//   match_bench [--profiles 1000000] [--opportunities 20000] [--queries 200] [--seed 7]
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "core/matching/match_index.h"

namespace workmatch {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct City {
  const char* name;
  double lat, lon;
  double weight;  // people, millions (metropolitan)
  const char* country;
};
// Where newcomers live: large European cities, weighted by size.
const std::vector<City> kCities = {
    {"Berlin", 52.52, 13.40, 3.7, "DE"},     {"Hamburg", 53.55, 9.99, 1.9, "DE"},
    {"Munich", 48.14, 11.58, 1.5, "DE"},     {"Cologne", 50.94, 6.96, 1.1, "DE"},
    {"Frankfurt", 50.11, 8.68, 0.8, "DE"},   {"Stuttgart", 48.78, 9.18, 0.6, "DE"},
    {"Leipzig", 51.34, 12.37, 0.6, "DE"},    {"Paris", 48.86, 2.35, 11.0, "FR"},
    {"Lyon", 45.76, 4.84, 2.3, "FR"},        {"Marseille", 43.30, 5.37, 1.9, "FR"},
    {"London", 51.51, -0.13, 9.0, "GB"},     {"Manchester", 53.48, -2.24, 2.8, "GB"},
    {"Leeds", 53.80, -1.55, 1.9, "GB"},      {"Birmingham", 52.49, -1.89, 2.9, "GB"},
    {"Madrid", 40.42, -3.70, 6.7, "ES"},     {"Barcelona", 41.39, 2.17, 5.6, "ES"},
    {"Rome", 41.90, 12.50, 4.3, "IT"},       {"Milan", 45.46, 9.19, 3.2, "IT"},
    {"Amsterdam", 52.37, 4.90, 2.5, "NL"},   {"Rotterdam", 51.92, 4.48, 1.0, "NL"},
    {"Brussels", 50.85, 4.35, 2.1, "BE"},    {"Vienna", 48.21, 16.37, 2.0, "AT"},
    {"Stockholm", 59.33, 18.07, 1.6, "SE"},  {"Gothenburg", 57.71, 11.97, 0.6, "SE"},
    {"Copenhagen", 55.68, 12.57, 1.4, "DK"}, {"Helsinki", 60.17, 24.94, 1.3, "FI"},
    {"Tampere", 61.50, 23.76, 0.4, "FI"},    {"Warsaw", 52.23, 21.01, 3.1, "PL"},
    {"Krakow", 50.06, 19.94, 0.8, "PL"},     {"Bucharest", 44.43, 26.10, 2.3, "RO"},
    {"Cluj-Napoca", 46.77, 23.60, 0.4, "RO"}, {"Athens", 37.98, 23.73, 3.2, "GR"},
    {"Lisbon", 38.72, -9.14, 2.9, "PT"},     {"Dublin", 53.35, -6.26, 1.4, "IE"},
};
// Sectors by how often newcomers work in them (a relative weight).
const std::map<std::string, double> kSectorWeight = {
    {"care", 9},        {"cleaning", 8},     {"hospitality", 8}, {"construction", 7},
    {"logistics", 7},   {"manufacturing", 6}, {"food", 5},       {"agriculture", 4},
    {"retail", 4},      {"health", 3},       {"beauty", 2},      {"maintenance", 2},
    {"automotive", 2},  {"security", 2},     {"education", 1.5}, {"office", 1.5},
    {"it", 1.5},        {"engineering", 1},  {"other", 1}};

struct Options {
  size_t profiles = 1'000'000, opportunities = 20'000, queries = 200, exhaustive = 30;
  uint32_t seed = 7;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t HeapInUse() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
}

struct World {
  std::vector<OccupationInfo> occupations;
  std::vector<std::vector<uint32_t>> occupation_skills;  // ordered: the top ones first
  std::vector<std::vector<std::string>> regulated_in;
  std::vector<double> occupation_weight;
  std::map<std::string, std::vector<std::string>> shortages;
  uint32_t skills = 0;
};

World LoadWorld(const std::string& dir) {
  World w;
  json base = json::parse(ReadFile(dir + "/occupations.json"));
  json shortages = json::parse(ReadFile(dir + "/shortages.json"));
  std::map<std::string, uint32_t> skill_ids;
  size_t rank = 0;
  for (const json& o : base["occupations"]) {
    OccupationInfo info;
    info.isco = o.value("isco", "");
    std::vector<uint32_t> skills;
    for (const json& s : o["skills"]) {
      auto [it, fresh] = skill_ids.emplace(s.get<std::string>(), static_cast<uint32_t>(skill_ids.size()));
      skills.push_back(it->second);
    }
    info.essential = skills;
    std::sort(info.essential.begin(), info.essential.end());
    w.occupations.push_back(info);
    w.occupation_skills.push_back(skills);
    w.regulated_in.push_back(o.value("regulated_in", std::vector<std::string>{}));
    // Zipf within the file's order, scaled by the sector's weight.
    const double sector = kSectorWeight.count(o.value("sector", "other"))
                              ? kSectorWeight.at(o.value("sector", "other"))
                              : 1.0;
    w.occupation_weight.push_back(sector / std::pow(static_cast<double>(++rank % 60 + 1), 0.8));
  }
  w.skills = static_cast<uint32_t>(skill_ids.size());
  for (const auto& [country, codes] : shortages["countries"].items()) {
    w.shortages[country] = codes.get<std::vector<std::string>>();
  }
  return w;
}

class Generator {
 public:
  Generator(const World& w, uint32_t seed)
      : w_(w), rng_(seed), occupation_(w.occupation_weight.begin(), w.occupation_weight.end()) {
    std::vector<double> cities;
    for (const City& c : kCities) cities.push_back(c.weight);
    city_ = std::discrete_distribution<size_t>(cities.begin(), cities.end());
  }

  Coordinates Place(const City& c) {
    std::normal_distribution<double> jitter(0, 0.12);  // about 13 km
    return {c.lat + jitter(rng_), c.lon + jitter(rng_) * 1.5};
  }

  ProfileFacts Profile(uint32_t id) {
    ProfileFacts p;
    p.id = id;
    const uint32_t main = static_cast<uint32_t>(occupation_(rng_));
    p.jobs.push_back({main, static_cast<float>(std::uniform_int_distribution<int>(0, 20)(rng_))});
    if (Chance(0.3)) {
      p.jobs.push_back({static_cast<uint32_t>(occupation_(rng_)),
                        static_cast<float>(std::uniform_int_distribution<int>(1, 8)(rng_))});
    }
    const auto& own = w_.occupation_skills[main];
    const size_t n = std::uniform_int_distribution<size_t>(1, own.size())(rng_);
    p.skills.assign(own.begin(), own.begin() + static_cast<std::ptrdiff_t>(n));
    for (int i = std::uniform_int_distribution<int>(0, 2)(rng_); i > 0; --i) {
      p.skills.push_back(std::uniform_int_distribution<uint32_t>(0, w_.skills - 1)(rng_));
    }
    std::sort(p.skills.begin(), p.skills.end());
    p.skills.erase(std::unique(p.skills.begin(), p.skills.end()), p.skills.end());
    const City& city = kCities[city_(rng_)];
    p.languages.push_back({static_cast<uint16_t>(std::uniform_int_distribution<int>(20, 33)(rng_)), 7});
    p.languages.push_back({Host(city), static_cast<uint8_t>(std::uniform_int_distribution<int>(0, 5)(rng_))});
    if (Chance(0.4)) p.languages.push_back({0, static_cast<uint8_t>(std::uniform_int_distribution<int>(1, 5)(rng_))});
    if (Chance(0.95)) p.place = Place(city);
    static const uint16_t kReach[] = {5, 15, 30, 30, 60, 0};
    p.max_km = kReach[std::uniform_int_distribution<int>(0, 5)(rng_)];
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    p.right_to_work = r < 0.7 ? RightToWork::kYes : r < 0.9 ? RightToWork::kWaiting : RightToWork::kNotSure;
    p.hours = static_cast<Hours>(std::uniform_int_distribution<int>(0, 2)(rng_));
    p.recognized = Chance(0.2);
    return p;
  }

  OpportunityFacts Opportunity(uint32_t id) {
    OpportunityFacts o;
    o.id = id;
    o.occupation = static_cast<uint32_t>(occupation_(rng_));
    const auto& skills = w_.occupation_skills[o.occupation];
    for (size_t i = 0; i < skills.size(); ++i) (i < 4 ? o.essential : o.optional).push_back(skills[i]);
    std::sort(o.essential.begin(), o.essential.end());
    std::sort(o.optional.begin(), o.optional.end());
    o.min_years = static_cast<float>(std::uniform_int_distribution<int>(0, 3)(rng_));
    const City& city = kCities[city_(rng_)];
    if (Chance(0.6)) o.languages.push_back({Host(city), static_cast<uint8_t>(std::uniform_int_distribution<int>(1, 4)(rng_))});
    o.place = Place(city);
    o.needs_right_to_work = Chance(0.9);
    const auto& reg = w_.regulated_in[o.occupation];
    o.needs_recognition = std::find(reg.begin(), reg.end(), city.country) != reg.end();
    auto sh = w_.shortages.find(city.country);
    o.shortage = sh != w_.shortages.end() &&
                 std::find(sh->second.begin(), sh->second.end(), w_.occupations[o.occupation].isco) !=
                     sh->second.end();
    o.hours = static_cast<Hours>(std::uniform_int_distribution<int>(0, 2)(rng_));
    return o;
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  static uint16_t Host(const City& c) {
    return static_cast<uint16_t>(1 + (std::hash<std::string>{}(c.country) % 15));
  }
  const World& w_;
  std::mt19937_64 rng_;
  std::discrete_distribution<size_t> occupation_;
  std::discrete_distribution<size_t> city_;
};

void Progress(bool terminal, const char* what, size_t done, size_t total) {
  if (terminal && (done % 50'000 == 0 || done == total)) {
    std::cerr << "\r\033[K" << what << " " << done << "/" << total << std::flush;
  }
}

template <class Query>
std::vector<double> Time(size_t n, Query query) {
  std::vector<double> ms;
  for (size_t i = 0; i < n; ++i) {
    const auto start = Clock::now();
    query(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return ms;
}

int Run(const Options& opt) {
  const bool terminal = isatty(STDERR_FILENO);
  const World world = LoadWorld(std::string(WORKMATCH_SOURCE_DIR) + "/data/taxonomy");
  Generator gen(world, opt.seed);
  std::cout << "match_bench: " << opt.profiles << " profiles, " << opt.opportunities
            << " opportunities, " << world.occupations.size() << " occupations, " << world.skills
            << " skills, seed " << opt.seed << "\n";

  std::vector<ProfileFacts> people;
  people.reserve(opt.profiles);
  for (uint32_t i = 0; i < opt.profiles; ++i) {
    people.push_back(gen.Profile(i));
    Progress(terminal, "generating profiles", i + 1, opt.profiles);
  }
  std::vector<OpportunityFacts> jobs;
  for (uint32_t i = 0; i < opt.opportunities; ++i) jobs.push_back(gen.Opportunity(i));

  const size_t heap_before = HeapInUse();
  const auto build_start = Clock::now();
  MatchIndex index(world.occupations);
  for (size_t i = 0; i < people.size(); ++i) {
    index.UpsertProfile(people[i]);
    Progress(terminal, "indexing profiles", i + 1, people.size());
  }
  for (const OpportunityFacts& o : jobs) index.UpsertOpportunity(o);
  const double build_s = std::chrono::duration<double>(Clock::now() - build_start).count();
  const size_t heap_after = HeapInUse();
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  // The index holds its own copy of every profile: all of it counts.
  const double per_profile = static_cast<double>(heap_after - heap_before) /
                             static_cast<double>(opt.profiles + opt.opportunities);

  // Incremental updates: change 1% of the profiles in place.
  const auto update_start = Clock::now();
  const size_t updates = opt.profiles / 100;
  for (size_t i = 0; i < updates; ++i) {
    ProfileFacts p = gen.Profile(static_cast<uint32_t>(i * 97 % opt.profiles));
    index.UpsertProfile(p);
    people[p.id] = p;
  }
  const double update_us = std::chrono::duration<double, std::micro>(Clock::now() - update_start).count() /
                           static_cast<double>(std::max<size_t>(1, updates));

  std::mt19937 pick(opt.seed);
  std::vector<uint32_t> qjobs, qpeople;
  for (size_t i = 0; i < opt.queries; ++i) {
    qjobs.push_back(static_cast<uint32_t>(pick() % jobs.size()));
    qpeople.push_back(static_cast<uint32_t>(pick() % people.size()));
  }
  std::vector<std::vector<Ranked>> fast_people(opt.queries), fast_jobs(opt.queries);
  auto people_ms = Time(opt.queries, [&](size_t i) { fast_people[i] = index.PeopleFor(jobs[qjobs[i]], 50); });
  auto jobs_ms = Time(opt.queries, [&](size_t i) { fast_jobs[i] = index.OpportunitiesFor(people[qpeople[i]], 20); });
  const size_t n = std::min(opt.exhaustive, opt.queries);
  bool same_people = true, same_jobs = true;
  size_t found_people = 0;
  auto people_ex_ms = Time(n, [&](size_t i) {
    auto slow = index.PeopleForExhaustive(jobs[qjobs[i]], 50);
    same_people = same_people && slow == fast_people[i];
    found_people += slow.size();
    if (terminal) std::cerr << "\r\033[Kexhaustive people queries " << i + 1 << "/" << n << std::flush;
  });
  auto jobs_ex_ms = Time(n, [&](size_t i) {
    same_jobs = same_jobs && index.OpportunitiesForExhaustive(people[qpeople[i]], 20) == fast_jobs[i];
  });
  if (terminal) std::cerr << "\r\033[K" << std::flush;

  auto line = [](const char* what, const std::vector<double>& idx, const std::vector<double>& ex, bool same) {
    const double med = Percentile(idx, 0.5), ex_med = Percentile(ex, 0.5);
    std::printf("  %-34s median %8.3f ms  p99 %8.3f ms | exhaustive median %9.2f ms | %6.0fx | %s\n", what,
                med, Percentile(idx, 0.99), ex_med, ex_med / std::max(med, 1e-6),
                same ? "identical top K" : "DIFFERENT top K");
  };
  std::printf("index build: %.1f s (%zu people, %zu opportunities); memory: %.0f bytes per entry "
              "(profile or opportunity, with its postings)\n",
              build_s, index.people(), index.opportunities(), per_profile);
  std::printf("incremental update of a profile: %.1f us (%zu updates)\n", update_us, updates);
  std::printf("queries (%zu each; %zu compared with exhaustive scoring; %.1f people per top-50 on average):\n",
              opt.queries, n, static_cast<double>(found_people) / static_cast<double>(std::max<size_t>(n, 1)));
  line("top-50 people for an opportunity", people_ms, people_ex_ms, same_people);
  line("top-20 opportunities for a person", jobs_ms, jobs_ex_ms, same_jobs);
  return same_people && same_jobs ? 0 : 1;
}

}  // namespace
}  // namespace workmatch

int main(int argc, char** argv) {
  workmatch::Options opt;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const unsigned long value = std::stoul(argv[i + 1]);
    if (flag == "--profiles") opt.profiles = value;
    else if (flag == "--opportunities") opt.opportunities = value;
    else if (flag == "--queries") opt.queries = value;
    else if (flag == "--exhaustive") opt.exhaustive = value;
    else if (flag == "--seed") opt.seed = static_cast<uint32_t>(value);
    else {
      std::cerr << "usage: match_bench [--profiles N] [--opportunities N] [--queries N] "
                   "[--exhaustive N] [--seed N]\n";
      return 2;
    }
  }
  return workmatch::Run(opt);
}
