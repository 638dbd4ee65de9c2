#include "turso_fixture.hpp"
