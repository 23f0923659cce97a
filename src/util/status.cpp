// Status is header-only; this unit keeps the header compiled on its own (include-what-you-use).
#include "trendscan/status.hpp"
