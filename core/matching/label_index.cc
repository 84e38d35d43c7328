#include "core/matching/label_index.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/matching/analyzer.h"

namespace workmatch {
namespace {

constexpr double kK1 = 1.2;
// Chosen on the two MELO dev sets (taxonomy eval); the figures are flat
// around these values.
constexpr double kB = 0.4;
constexpr double kWordWeight = 0.6;  // the rest is the character n-gram cosine
constexpr double kExactBonus = 0.15;
constexpr size_t kMinPart = 4;  // code points of a compound's part

// UTF-8 code points of a string.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, std::min(n, s.size() - i)));
    i += n;
  }
  return out;
}

}  // namespace

std::vector<std::string> LabelIndex::Grams(const std::vector<std::string>& terms) const {
  std::vector<std::string> out;
  for (const std::string& t : terms) {
    std::vector<std::string_view> cps = CodePoints(t);
    cps.insert(cps.begin(), "#");
    cps.push_back("#");
    for (size_t n : {3, 4}) {
      for (size_t i = 0; i + n <= cps.size(); ++i) {
        std::string g;
        for (size_t j = i; j < i + n; ++j) g += cps[j];
        out.push_back(std::move(g));
      }
    }
  }
  return out;
}

uint32_t LabelIndex::Add(std::string_view text) {
  texts_.emplace_back(text);
  return static_cast<uint32_t>(texts_.size() - 1);
}

// The corpus words `word` is made of, left to right, or {} when it is not a
// compound of them. Linking elements (-s-, -es-, -n-, -en-) may end a part.
std::vector<std::string> LabelIndex::Split(const std::string& word, int depth) const {
  std::vector<std::string_view> cps = CodePoints(word);
  if (cps.size() < 2 * kMinPart || depth > 3) return {};
  size_t offset = 0;
  std::vector<size_t> at;  // byte offset of each code point
  for (std::string_view cp : cps) {
    at.push_back(offset);
    offset += cp.size();
  }
  // The longest head first: "krankenpfleger" is "kranken" + "pfleger".
  for (size_t i = cps.size() - kMinPart; i >= kMinPart; --i) {
    std::string head = word.substr(0, at[i]);
    const std::string tail = word.substr(at[i]);
    std::string found;
    for (std::string_view link : {"", "s", "es", "n", "en"}) {
      if (!link.empty() && (head.size() <= link.size() + 3 || !head.ends_with(link))) continue;
      std::string h = head.substr(0, head.size() - link.size());
      if (vocabulary_.count(h)) {
        found = h;
        break;
      }
    }
    if (found.empty()) continue;
    if (vocabulary_.count(tail)) return {found, tail};
    std::vector<std::string> rest = Split(tail, depth + 1);
    if (!rest.empty()) {
      rest.insert(rest.begin(), found);
      return rest;
    }
  }
  return {};
}

std::vector<std::string> LabelIndex::Analyze(std::string_view text) const {
  std::vector<std::string> out;
  for (const std::string& w : Words(text)) {
    const std::string word = Ungender(w, locale_);
    out.push_back(Term(word, locale_));
    if (Compounds(locale_)) {
      for (const std::string& part : Split(word, 0)) out.push_back(Term(part, locale_));
    }
  }
  return out;
}

void LabelIndex::Build() {
  if (Compounds(locale_)) {
    for (const std::string& t : texts_) {
      for (const std::string& w : Words(t)) {
        std::string word = Ungender(w, locale_);
        if (CodePoints(word).size() >= kMinPart) ++vocabulary_[word];
      }
    }
  }
  terms_.clear();
  for (const std::string& t : texts_) terms_.push_back(Analyze(t));
  texts_.clear();
  const double n = static_cast<double>(std::max<size_t>(1, terms_.size()));
  double total = 0;
  std::vector<std::map<std::string, int>> gram_counts(terms_.size());
  for (uint32_t label = 0; label < terms_.size(); ++label) {
    std::map<std::string, int> counts;
    for (const std::string& t : terms_[label]) ++counts[t];
    for (const auto& [t, c] : counts) word_postings_[t].push_back({label, static_cast<float>(c)});
    total += static_cast<double>(terms_[label].size());
    for (std::string& g : Grams(terms_[label])) ++gram_counts[label][std::move(g)];
  }
  average_length_ = std::max(1.0, total / n);
  for (const auto& [t, postings] : word_postings_) {
    const double df = static_cast<double>(postings.size());
    word_idf_[t] = std::log(1 + (n - df + 0.5) / (df + 0.5));
  }
  std::unordered_map<std::string, double> df;
  for (const auto& counts : gram_counts) {
    for (const auto& [g, c] : counts) df[g] += 1;
  }
  for (const auto& [g, d] : df) gram_idf_[g] = std::log(n / d) + 1;
  for (uint32_t label = 0; label < terms_.size(); ++label) {
    double norm = 0;
    for (const auto& [g, c] : gram_counts[label]) norm += std::pow(c * gram_idf_[g], 2);
    norm = std::sqrt(std::max(norm, 1e-12));
    for (const auto& [g, c] : gram_counts[label]) {
      gram_postings_[g].push_back({label, static_cast<float>(c * gram_idf_[g] / norm)});
    }
  }
}

std::vector<LabelHit> LabelIndex::Search(std::string_view query, size_t k) const {
  const std::vector<std::string> q = Analyze(query);
  if (q.empty() || k == 0) return {};
  std::unordered_map<uint32_t, double> words, grams;
  // BM25 over the query's distinct terms.
  std::vector<std::string> distinct = q;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  double best_possible = 0;
  for (const std::string& t : distinct) {
    auto it = word_postings_.find(t);
    if (it == word_postings_.end()) continue;
    const double idf = word_idf_.at(t);
    best_possible += idf;
    for (const Posting& p : it->second) {
      const double len = static_cast<double>(terms_[p.label].size());
      const double tf = p.weight;
      words[p.label] += idf * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * len / average_length_));
    }
  }
  // Character n-gram cosine.
  std::map<std::string, int> counts;
  for (std::string& g : Grams(q)) ++counts[std::move(g)];
  double norm = 0;
  for (const auto& [g, c] : counts) {
    auto idf = gram_idf_.find(g);
    const double w = c * (idf == gram_idf_.end() ? std::log(static_cast<double>(size()) + 1) + 1
                                                 : idf->second);
    norm += w * w;
  }
  norm = std::sqrt(std::max(norm, 1e-12));
  for (const auto& [g, c] : counts) {
    auto it = gram_postings_.find(g);
    if (it == gram_postings_.end()) continue;
    const double w = c * gram_idf_.at(g) / norm;
    for (const Posting& p : it->second) grams[p.label] += w * p.weight;
  }
  std::vector<LabelHit> hits;
  hits.reserve(grams.size());
  for (const auto& [label, cosine] : grams) {
    double word = 0;
    if (auto w = words.find(label); w != words.end() && best_possible > 0) {
      word = w->second / (best_possible * (kK1 + 1));  // 0..~1
    }
    double score = kWordWeight * word + (1 - kWordWeight) * cosine;
    if (terms_[label] == q) score += kExactBonus;
    hits.push_back({label, score});
  }
  const size_t top = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(top), hits.end(),
                    [](const LabelHit& a, const LabelHit& b) {
                      return a.score != b.score ? a.score > b.score : a.label < b.label;
                    });
  hits.resize(top);
  return hits;
}

}  // namespace workmatch
