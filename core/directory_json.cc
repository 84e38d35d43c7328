#include "core/directory_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace workmatch {
namespace {

using nlohmann::json;

// Reads typed fields of one record, remembering the first problem.
class Reader {
 public:
  Reader(const json& j, std::string what) : j_(j), what_(std::move(what)) {
    if (!j_.is_object()) Fail("", "is not a JSON object");
  }

  std::string Required(const char* key) {
    auto v = Optional(key);
    if (!v && ok()) Fail(key, "is missing");
    return v.value_or("");
  }
  std::optional<std::string> Optional(const char* key) {
    if (!ok() || !j_.contains(key) || j_[key].is_null()) return std::nullopt;
    if (!j_[key].is_string()) {
      Fail(key, "must be a string");
      return std::nullopt;
    }
    return j_[key].get<std::string>();
  }
  std::optional<double> Number(const char* key) {
    if (!ok() || !j_.contains(key) || j_[key].is_null()) return std::nullopt;
    if (!j_[key].is_number()) {
      Fail(key, "must be a number");
      return std::nullopt;
    }
    return j_[key].get<double>();
  }
  bool Bool(const char* key, bool fallback) {
    if (!ok() || !j_.contains(key) || j_[key].is_null()) return fallback;
    if (!j_[key].is_boolean()) {
      Fail(key, "must be true or false");
      return fallback;
    }
    return j_[key].get<bool>();
  }
  const json* Array(const char* key) {
    if (!ok() || !j_.contains(key) || j_[key].is_null()) return nullptr;
    if (!j_[key].is_array()) {
      Fail(key, "must be a list");
      return nullptr;
    }
    return &j_[key];
  }
  const json* Object(const char* key) {
    if (!ok() || !j_.contains(key) || j_[key].is_null()) return nullptr;
    if (!j_[key].is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return &j_[key];
  }
  void Fail(std::string_view key, std::string_view problem) {
    if (!ok()) return;
    error_ =
        Error{"directory.invalid", key.empty() ? fmt::format("{}: {}", what_, problem)
                                               : fmt::format("{}: \"{}\" {}", what_, key, problem)};
  }
  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }

 private:
  const json& j_;
  std::string what_;
  std::optional<Error> error_;
};

std::string Describe(const char* kind, const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) {
    return fmt::format("{} {}", kind, j[key].get<std::string>());
  }
  return kind;
}

}  // namespace

Result<Organization> OrganizationFromJson(const json& j) {
  Reader r(j, Describe("organization", j, "slug"));
  Organization o;
  o.slug = r.Required("slug");
  o.name = r.Required("name");
  o.kind = r.Required("kind");
  o.parent_slug = r.Optional("parent");
  o.country = r.Optional("country");
  o.city = r.Optional("city");
  o.website = r.Optional("website");
  o.referral_code = r.Optional("referral_code");
  o.default_locale = r.Optional("default_locale");
  if (!r.ok()) return r.error();
  if (Status s = Validate(o); !s) return s.error();
  return o;
}

Result<Opportunity> OpportunityFromJson(const json& j) {
  Reader r(j, Describe("opportunity", j, "id"));
  Opportunity p;
  p.external_id = r.Required("id");
  p.organization_slug = r.Required("organization");
  p.kind = r.Required("kind");
  p.title = r.Required("title");
  p.description = r.Optional("description").value_or("");
  if (const json* occ = r.Object("occupation")) {
    Reader o(*occ, fmt::format("opportunity {} occupation", p.external_id));
    p.occupation_uri = o.Required("uri");
    p.isco_code = o.Optional("isco");
    if (!o.ok()) return o.error();
  }
  p.service_type = r.Optional("service_type");
  p.country = r.Optional("country");
  p.city = r.Optional("city");
  auto lat = r.Number("lat");
  auto lon = r.Number("lon");
  if (lat.has_value() != lon.has_value()) r.Fail("lat", "and \"lon\" come together");
  if (lat && lon) p.location = Coordinates{*lat, *lon};
  p.employment_type = r.Optional("employment_type");
  p.min_years = r.Number("min_years").value_or(0);
  p.requires_right_to_work = r.Bool("requires_right_to_work", false);
  p.requires_recognition = r.Bool("requires_recognition", false);
  if (const json* langs = r.Array("languages")) {
    for (const json& l : *langs) {
      Reader lr(l, fmt::format("opportunity {} language", p.external_id));
      RequiredLanguage rl{lr.Required("language"), lr.Required("min_cefr")};
      if (!lr.ok()) return lr.error();
      p.languages.push_back(std::move(rl));
    }
  }
  if (const json* skills = r.Array("skills")) {
    for (const json& s : *skills) {
      Reader sr(s, fmt::format("opportunity {} skill", p.external_id));
      RequiredSkill rs{sr.Required("uri"), sr.Bool("essential", true)};
      if (!sr.ok()) return sr.error();
      p.skills.push_back(std::move(rs));
    }
  }
  if (auto cap = r.Number("capacity")) p.capacity = static_cast<int>(*cap);
  p.url = r.Optional("url");
  p.starts_on = r.Optional("starts_on");
  p.closes_on = r.Optional("closes_on");
  if (!r.ok()) return r.error();
  if (Status s = Validate(p); !s) return s.error();
  return p;
}

Result<ContactSeed> ContactFromJson(const json& j) {
  Reader r(j, Describe("contact", j, "external_id"));
  ContactSeed c;
  c.channel = r.Required("channel");
  c.external_id = r.Required("external_id");
  c.chat_id = r.Optional("chat_id");
  c.role = r.Required("role");
  c.organization_slug = r.Optional("organization");
  c.locale = r.Optional("locale");
  c.display_name = r.Optional("display_name");
  if (!r.ok()) return r.error();
  if (Status s = Validate(c); !s) return s.error();
  return c;
}

Result<DirectoryData> DirectoryFromJson(const json& j) {
  if (!j.is_object()) return Error{"directory.invalid", "the data set is not a JSON object"};
  DirectoryData d;
  if (j.contains("hub")) {
    auto hub = OrganizationFromJson(j["hub"]);
    if (!hub) return hub.error();
    d.organizations.push_back(std::move(hub).value());
  }
  auto each = [&](const char* key, auto parse, auto& out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_array())
      return Error{"directory.invalid", fmt::format("\"{}\" must be a list", key)};
    for (const json& item : j[key]) {
      auto v = parse(item);
      if (!v) return v.error();
      out.push_back(std::move(v).value());
    }
    return Status::Ok();
  };
  if (Status s = each("organizations", OrganizationFromJson, d.organizations); !s) return s.error();
  if (Status s = each("opportunities", OpportunityFromJson, d.opportunities); !s) return s.error();
  if (Status s = each("contacts", ContactFromJson, d.contacts); !s) return s.error();
  return d;
}

}  // namespace workmatch
