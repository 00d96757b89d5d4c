// GLPK's C API (glp_create_prob, glp_simplex, glp_intopt, …); its constants are plain integer macros Swift imports.
// Used only by the Optimization target's GLPK trait.
#include <glpk.h>
