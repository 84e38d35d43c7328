// A small taxonomy for dialog tests: a few real ESCO occupations with words
// in several languages, and their skills. The real one is the matching core's.
#ifndef WORKMATCH_TESTS_SUPPORT_TEST_TAXONOMY_H_
#define WORKMATCH_TESTS_SUPPORT_TEST_TAXONOMY_H_

#include <string>
#include <vector>

#include "core/text/normalize.h"
#include "dialogs/taxonomy_lookup.h"

namespace workmatch::testing {

class TestTaxonomy final : public TaxonomyLookup {
 public:
  std::vector<ConceptLabel> LinkOccupation(std::string_view text, std::string_view,
                                           size_t limit) const override {
    const std::string folded = FoldForMatching(text);
    std::vector<ConceptLabel> out;
    for (const Occupation& o : kOccupations) {
      for (const char* word : o.words) {
        if (folded.find(FoldForMatching(word)) != std::string::npos) {
          out.push_back({o.uri, o.label});
          break;
        }
      }
      if (out.size() == limit) break;
    }
    return out;
  }
  std::vector<ConceptLabel> OccupationSkills(std::string_view uri, std::string_view,
                                             size_t limit) const override {
    for (const Occupation& o : kOccupations) {
      if (o.uri != uri) continue;
      std::vector<ConceptLabel> out;
      for (const auto& [skill_uri, label] : o.skills) {
        if (out.size() < limit) out.push_back({skill_uri, label});
      }
      return out;
    }
    return {};
  }

 private:
  struct Occupation {
    std::string uri, label;
    std::vector<const char*> words;
    std::vector<std::pair<std::string, std::string>> skills;
  };
  inline static const std::vector<Occupation> kOccupations = {
      {"http://data.europa.eu/esco/occupation/13ef0e4e-ea9f-4b2a-a1e2-a0d7a2b0e2a5",
       "nurse responsible for general care",
       {"nurse", "ممرض", "ممرضة", "медсестра", "медсестрою", "медсестрой", "پرستار", "hemşire"},
       {{"http://data.europa.eu/esco/skill/s1", "care for patients"},
        {"http://data.europa.eu/esco/skill/s2", "give injections"},
        {"http://data.europa.eu/esco/skill/s3", "keep patient records"}}},
      {"http://data.europa.eu/esco/occupation/healthcare-assistant", "healthcare assistant",
       {"nurse", "care", "رعاية", "доглядальниця", "مراقبت"},
       {{"http://data.europa.eu/esco/skill/s1", "care for patients"}}},
      {"http://data.europa.eu/esco/occupation/cook", "cook",
       {"cook", "chef", "طباخ", "кухар", "повар", "آشپز"},
       {{"http://data.europa.eu/esco/skill/s4", "prepare meals"},
        {"http://data.europa.eu/esco/skill/s5", "food safety"}}},
  };
};

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_TEST_TAXONOMY_H_
