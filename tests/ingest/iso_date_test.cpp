#include "trendscan/ingest/iso_date.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "trendscan/ingest/dates.hpp"

namespace trendscan {
namespace {

TEST_CASE("an ISO date kept inline reads back as the text it was given") {
  const IsoDate none;
  CHECK(none.empty());
  CHECK(none.view().empty());
  CHECK(none == "");
  for (const std::string text : {"2009-12-07", "2010-02", "2012"}) {
    const IsoDate d = text;
    CHECK(d.size() == text.size());
    CHECK(d == text);
    CHECK(d.str() == text);
    std::ostringstream out;
    out << d;
    CHECK(out.str() == text);
  }
  CHECK(IsoDate(ParseDate("7 décembre 2009")) == "2009-12-07");
  CHECK(IsoDate("2009-12-07") != IsoDate("2009-12-08"));
  CHECK(IsoDate("2009-12") < IsoDate("2009-12-07"));
  // Longer text is never given by ParseDate; it is cut, not overflowed.
  CHECK(IsoDate("2009-12-07T10:00") == "2009-12-07");
}

TEST_CASE("an ISO date copies and assigns by value") {
  IsoDate a = "2011-03-05";
  IsoDate b = a;
  a = "2012";
  CHECK(b == "2011-03-05");
  CHECK(a == "2012");
  a = IsoDate();
  CHECK(a.empty());
}

}  // namespace
}  // namespace trendscan
