#include "core/matching/analyzer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>

#include "core/text/normalize.h"

namespace workmatch {
namespace {

// Snowball's algorithm for a product language, where it has one.
const char* Algorithm(std::string_view locale) {
  static const std::map<std::string_view, const char*> kAlgorithms = {
      {"en", "english"}, {"de", "german"},   {"fr", "french"},  {"es", "spanish"},
      {"ro", "romanian"}, {"fi", "finnish"}, {"ru", "russian"}, {"tr", "turkish"},
      {"ar", "arabic"},  {"it", "italian"},  {"nl", "dutch"},   {"pt", "portuguese"},
      {"sv", "swedish"}, {"da", "danish"}};
  auto it = kAlgorithms.find(locale.substr(0, 2));
  return it == kAlgorithms.end() ? nullptr : it->second;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// This thread's stemmer for `locale`, or null.
sb_stemmer* Stemmer(std::string_view locale) {
  thread_local std::map<std::string, std::unique_ptr<sb_stemmer, StemmerDeleter>, std::less<>>
      stemmers;
  const char* algorithm = Algorithm(locale);
  if (!algorithm) return nullptr;
  auto it = stemmers.find(algorithm);
  if (it == stemmers.end()) {
    it = stemmers.emplace(algorithm, sb_stemmer_new(algorithm, "UTF_8")).first;
  }
  return it->second.get();
}

bool EndsWith(const std::string& s, std::string_view end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

std::string Ungender(std::string word, std::string_view locale) {
  const std::string_view lang = locale.substr(0, 2);
  if (lang == "de") {
    if (EndsWith(word, "innen") && word.size() > 8) return word.substr(0, word.size() - 5);
    if (EndsWith(word, "in") && word.size() > 6) return word.substr(0, word.size() - 2);
  } else if (lang == "fr") {
    for (auto [from, to] : {std::pair{"euse", "eur"}, {"rice", "eur"}, {"ienne", "ien"},
                            {"ere", "er"}, {"ive", "if"}, {"enne", "en"}}) {
      if (EndsWith(word, from)) return word.substr(0, word.size() - std::string_view(from).size()) + to;
    }
  }
  return word;
}

bool Compounds(std::string_view locale) {
  const std::string_view lang = locale.substr(0, 2);
  return lang == "de" || lang == "fi" || lang == "nl" || lang == "sv" || lang == "da";
}

std::vector<std::string> Words(std::string_view text) {
  const std::string folded = FoldForMatching(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::vector<std::string> out;
  if (U_FAILURE(status) || !words) return out;
  words->setText(u);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    if (words->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
    std::string w;
    u.tempSubStringBetween(start, end).toUTF8String(w);
    out.push_back(std::move(w));
  }
  return out;
}

std::string Term(std::string_view word, std::string_view locale) {
  std::string w(word);
  if (sb_stemmer* s = Stemmer(locale)) {
    const sb_symbol* stem = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(w.data()),
                                            static_cast<int>(w.size()));
    if (stem) w.assign(reinterpret_cast<const char*>(stem), sb_stemmer_length(s));
  }
  return w;
}

std::vector<std::string> Terms(std::string_view text, std::string_view locale) {
  std::vector<std::string> out;
  for (const std::string& w : Words(text)) out.push_back(Term(Ungender(w, locale), locale));
  return out;
}

}  // namespace workmatch
