/*
 * elsewhere.h — the daily allowance of answers about ID numbers outside a staff member's reach:
 * core/elsewhere.h.
 */
#include "core/elsewhere.h"
