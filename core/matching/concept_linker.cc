#include "core/matching/concept_linker.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace workmatch {
namespace {

// Chosen on the two MELO dev sets (taxonomy eval).
constexpr double kSupport = 0.1;        // further labels of a concept that fit
constexpr double kConceptWeight = 0.4;  // all labels of a concept as one text
constexpr size_t kLabelDepth = 2000;    // labels looked at per query
constexpr size_t kConceptDepth = 500;

}  // namespace

uint32_t ConceptLinker::AddLabel(uint32_t concept_id, std::string_view label) {
  label_concept_.push_back(concept_id);
  if (concept_text_.size() <= concept_id) concept_text_.resize(concept_id + 1);
  concept_text_[concept_id].append(label).append(" / ");
  return labels_.Add(label);
}

void ConceptLinker::Build() {
  labels_.Build();
  for (uint32_t c = 0; c < concept_text_.size(); ++c) {
    if (concept_text_[c].empty()) continue;
    concepts_.Add(concept_text_[c]);
    concept_of_entry_.push_back(c);
  }
  concept_text_.clear();
  concepts_.Build();
}

std::vector<ConceptHit> ConceptLinker::Concepts(const std::vector<LabelHit>& hits,
                                                std::string_view text) const {
  struct Group {
    ConceptHit hit;
    int labels = 0;
  };
  std::unordered_map<uint32_t, Group> groups;
  for (const LabelHit& h : hits) {  // best first
    Group& g = groups[label_concept_[h.label]];
    if (g.labels == 0) {
      g.hit = {label_concept_[h.label], h.label, h.score};
    } else if (g.labels < 4) {
      g.hit.score += kSupport * h.score / g.labels;
    }
    ++g.labels;
  }
  for (const LabelHit& h : concepts_.Search(text, kConceptDepth)) {
    auto g = groups.find(concept_of_entry_[h.label]);
    if (g != groups.end()) g->second.hit.score += kConceptWeight * h.score;
  }
  std::vector<ConceptHit> out;
  out.reserve(groups.size());
  for (const auto& [c, g] : groups) out.push_back(g.hit);
  std::sort(out.begin(), out.end(), [](const ConceptHit& a, const ConceptHit& b) {
    return a.score != b.score ? a.score > b.score : a.best_label < b.best_label;
  });
  return out;
}

std::vector<ConceptHit> ConceptLinker::Link(std::string_view text, size_t k) const {
  std::vector<ConceptHit> out = Concepts(labels_.Search(text, kLabelDepth), text);
  if (out.size() > k) out.resize(k);
  return out;
}

std::vector<uint32_t> ConceptLinker::RankLabels(std::string_view text, size_t depth) const {
  const std::vector<LabelHit> hits = labels_.Search(text, depth);
  std::vector<uint32_t> out;
  std::unordered_set<uint32_t> placed;
  for (const ConceptHit& c : Concepts(hits, text)) {
    out.push_back(c.best_label);
    placed.insert(c.best_label);
  }
  for (const LabelHit& h : hits) {
    if (!placed.count(h.label)) out.push_back(h.label);
  }
  return out;
}

}  // namespace workmatch
