// LabelIndex: ranks short labels (job titles, skill names) against a query in
// one language, lexically: BM25 over the analyzer's terms (stems without
// gender endings), plus TF-IDF cosine over character n-grams of those terms,
// which carries typos, inflections the stemmer misses and compounds
// ("Krankenpfleger" shares most of its grams with "Kranken- und Pfleger").
// An exact match of all terms in order earns a bonus. In languages that write
// compounds as one word, a word is also split into words the corpus has
// ("versorgungstechnik" -> "versorgung" + "technik", with linking -s-), and
// the parts count as terms too.
//
// Build once (Add..., then Build), then Search from any number of threads.
#ifndef WORKMATCH_CORE_MATCHING_LABEL_INDEX_H_
#define WORKMATCH_CORE_MATCHING_LABEL_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace workmatch {

struct LabelHit {
  uint32_t label = 0;  // as numbered by Add()
  double score = 0;    // 0..~1.2; comparable within one query
};

class LabelIndex {
 public:
  explicit LabelIndex(std::string locale) : locale_(std::move(locale)) {}

  // Adds a label; returns its number (0, 1, 2, ...).
  uint32_t Add(std::string_view text);
  // Computes the weights. REQUIRES: every Add() is done.
  void Build();

  // The best `k` labels for `query`, best first (ties by label number).
  std::vector<LabelHit> Search(std::string_view query, size_t k) const;

  size_t size() const { return std::max(terms_.size(), texts_.size()); }
  const std::string& locale() const { return locale_; }

 private:
  struct Posting {
    uint32_t label;
    float weight;
  };
  std::vector<std::string> Grams(const std::vector<std::string>& terms) const;
  // The terms of a text: its words' stems, and the stems of compound parts.
  std::vector<std::string> Analyze(std::string_view text) const;
  std::vector<std::string> Split(const std::string& word, int depth) const;

  std::string locale_;
  std::vector<std::string> texts_;               // per label, until Build()
  std::vector<std::vector<std::string>> terms_;  // per label
  std::unordered_map<std::string, int> vocabulary_;  // ungendered words of the corpus
  std::unordered_map<std::string, std::vector<Posting>> word_postings_;  // weight: term count
  std::unordered_map<std::string, std::vector<Posting>> gram_postings_;  // weight: tf-idf / norm
  std::unordered_map<std::string, double> word_idf_, gram_idf_;
  double average_length_ = 1;
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_LABEL_INDEX_H_
