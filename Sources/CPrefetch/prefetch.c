// The module is the header's inline function; SwiftPM needs one source file per C target.
#include "CPrefetch.h"
