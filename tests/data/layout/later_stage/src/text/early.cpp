// A text-stage source that uses the server: the layout check must reject it.
#include "itkal/serve/late.hpp"
