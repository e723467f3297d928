// The module is the header's inline functions; SwiftPM needs one source file per C target.
#include "CShuhui.h"
