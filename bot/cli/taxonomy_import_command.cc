// `workmatch taxonomy import --format esco [--lang xx] PATH`: ESCO's CSV files
// (occupations, skills, ISCO groups, occupation-skill relations; the layout of
// ESCO's download) into the database, all or nothing. Columns are found by
// their header names; only conceptUri and preferredLabel are required;
// altLabels and hiddenLabels hold one label per line. Bad rows are reported
// with file, line and reason, and then nothing is imported.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bot/cli/commands.h"
#include "bot/storage/database.h"
#include "bot/storage/taxonomy_store.h"
#include "bot/system_clock.h"
#include "core/taxonomy/csv.h"

namespace workmatch {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kOccupations, kSkills, kIscoGroups, kRelations };

struct Input {
  fs::path path;
  FileKind kind;
};

std::optional<FileKind> KindOf(const std::string& name) {
  if (name.starts_with("occupationSkillRelations")) return FileKind::kRelations;
  if (name.starts_with("occupations_")) return FileKind::kOccupations;
  if (name.starts_with("skills_")) return FileKind::kSkills;
  if (name.starts_with("ISCOGroups_")) return FileKind::kIscoGroups;
  return std::nullopt;
}

// The files to read: one named file, or the ESCO files of `lang` in a folder.
Result<std::vector<Input>> FindInputs(const fs::path& path, const std::string& lang) {
  std::vector<Input> out;
  if (fs::is_regular_file(path)) {
    auto kind = KindOf(path.filename().string());
    if (!kind) {
      return Error{"import.file", fmt::format("{}: not an ESCO file name (occupations_{}.csv, "
                                              "skills_{}.csv, ISCOGroups_{}.csv or "
                                              "occupationSkillRelations.csv)",
                                              path.string(), lang, lang, lang)};
    }
    out.push_back({path, *kind});
    return out;
  }
  if (!fs::is_directory(path)) {
    return Error{"import.file", fmt::format("{}: no such file or folder", path.string())};
  }
  for (const auto& [name, kind] :
       std::vector<std::pair<std::string, FileKind>>{{"ISCOGroups_" + lang + ".csv", FileKind::kIscoGroups},
                                                     {"occupations_" + lang + ".csv", FileKind::kOccupations},
                                                     {"skills_" + lang + ".csv", FileKind::kSkills},
                                                     {"occupationSkillRelations_" + lang + ".csv", FileKind::kRelations},
                                                     {"occupationSkillRelations.csv", FileKind::kRelations}}) {
    if (fs::is_regular_file(path / name)) {
      if (kind == FileKind::kRelations &&
          std::any_of(out.begin(), out.end(), [](const Input& i) { return i.kind == FileKind::kRelations; })) {
        continue;
      }
      out.push_back({path / name, kind});
    }
  }
  if (std::none_of(out.begin(), out.end(), [](const Input& i) { return i.kind == FileKind::kOccupations; })) {
    return Error{"import.file", fmt::format("{}: no occupations_{}.csv in this folder", path.string(), lang)};
  }
  return out;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Parsed {
  std::vector<TaxonomyConceptRow> concepts;
  std::vector<TaxonomyRelationRow> relations;
  std::vector<std::string> problems;  // "file:line: reason"
};

void ParseConcepts(const Input& in, const CsvTable& t, Parsed& out) {
  const std::string file = in.path.filename().string();
  auto uri = t.Column("conceptUri"), pref = t.Column("preferredLabel");
  if (!uri || !pref) {
    out.problems.push_back(fmt::format("{}:1: the header needs conceptUri and preferredLabel", file));
    return;
  }
  auto alt = t.Column("altLabels"), hidden = t.Column("hiddenLabels");
  auto code = in.kind == FileKind::kIscoGroups ? t.Column("code") : t.Column("iscoGroup");
  auto skill_type = t.Column("skillType"), regulated = t.Column("regulatedProfessionNote");
  for (const CsvRow& row : t.rows()) {
    const auto field = [&](std::optional<size_t> c) { return c ? row.fields[*c] : std::string(); };
    TaxonomyConceptRow r;
    r.uri = field(uri);
    r.preferred = field(pref);
    if (!r.uri.starts_with("http")) {
      out.problems.push_back(fmt::format("{}:{}: conceptUri \"{}\" is not a URI", file, row.line, r.uri));
      continue;
    }
    if (r.preferred.find_first_not_of(" \t\r\n") == std::string::npos) {
      out.problems.push_back(fmt::format("{}:{}: preferredLabel is empty", file, row.line));
      continue;
    }
    r.kind = in.kind == FileKind::kOccupations ? "occupation"
             : in.kind == FileKind::kSkills    ? "skill"
                                               : "isco_group";
    r.code = field(code);
    r.skill_type = field(skill_type);
    r.regulated_note = field(regulated);
    r.alt = SplitLines(field(alt));
    r.hidden = SplitLines(field(hidden));
    out.concepts.push_back(std::move(r));
  }
}

void ParseRelations(const Input& in, const CsvTable& t, Parsed& out) {
  const std::string file = in.path.filename().string();
  auto occ = t.Column("occupationUri"), skill = t.Column("skillUri"), type = t.Column("relationType");
  if (!occ || !skill) {
    out.problems.push_back(fmt::format("{}:1: the header needs occupationUri and skillUri", file));
    return;
  }
  for (const CsvRow& row : t.rows()) {
    TaxonomyRelationRow r{row.fields[*occ], row.fields[*skill], true};
    const std::string relation = type ? row.fields[*type] : "essential";
    if (!r.occupation_uri.starts_with("http") || !r.skill_uri.starts_with("http")) {
      out.problems.push_back(fmt::format("{}:{}: occupationUri and skillUri must be URIs", file, row.line));
      continue;
    }
    if (relation != "essential" && relation != "optional") {
      out.problems.push_back(fmt::format("{}:{}: relationType \"{}\" is neither essential nor optional",
                                         file, row.line, relation));
      continue;
    }
    r.essential = relation == "essential";
    out.relations.push_back(std::move(r));
  }
}

}  // namespace

int RunTaxonomyImport(const Config& config, const TaxonomyImportOptions& options) {
  if (options.format != "esco") {
    std::cerr << "workmatch taxonomy import: --format " << options.format
              << " is not known; use --format esco\n";
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const bool terminal = isatty(STDERR_FILENO);
  auto inputs = FindInputs(options.path, options.lang);
  if (!inputs) {
    std::cerr << "workmatch taxonomy import: " << inputs.error().message << "\n";
    return 1;
  }
  Parsed parsed;
  for (const Input& in : *inputs) {
    if (terminal) std::cerr << "\r\033[Kreading " << in.path.filename().string() << std::flush;
    auto table = CsvTable::Parse(ReadAll(in.path));
    if (!table) {
      parsed.problems.push_back(in.path.filename().string() + ":" + table.error().message.substr(5));
      continue;
    }
    if (in.kind == FileKind::kRelations) {
      ParseRelations(in, *table, parsed);
    } else {
      ParseConcepts(in, *table, parsed);
    }
  }
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  if (!parsed.problems.empty()) {
    std::cerr << "workmatch taxonomy import: nothing was imported; fix these rows first:\n";
    for (size_t i = 0; i < parsed.problems.size() && i < 50; ++i) std::cerr << "  " << parsed.problems[i] << "\n";
    if (parsed.problems.size() > 50) std::cerr << "  ... and " << parsed.problems.size() - 50 << " more\n";
    return 1;
  }
  auto db = OpenDatabaseOrSay(config, "workmatch taxonomy import");
  if (!db) return 1;
  SystemClock clock;
  ImportCounts counts;
  int64_t relations = 0;
  TaxonomyCounts total;
  if (terminal) std::cerr << "writing " << parsed.concepts.size() << " concepts..." << std::flush;
  Status s = db->Write([&](SQLite::Database& conn) {
    counts = SaveConcepts(conn, parsed.concepts, options.lang, "import", ToUnixMillis(clock.Now()));
    relations = SaveRelations(conn, parsed.relations);
    total = CountTaxonomy(conn);
  });
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  if (!s) {
    std::cerr << "workmatch taxonomy import: nothing was imported: " << s.error().message << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format(
      "Imported into {} in {:.1f} s:\n"
      "  concepts       {} new, {} updated, {} labels in \"{}\"\n"
      "  relations      {} occupation-skill relations read\n"
      "The database now holds {} occupations, {} skills, {} ISCO groups, {} relations.\n",
      config.db_path, seconds, counts.concepts_new, counts.concepts_updated,
      counts.labels, options.lang, relations, total.occupations, total.skills, total.isco_groups,
      total.relations);
  return 0;
}

}  // namespace workmatch
