# workmatch_embed(OUTPUT <file.cc> SYMBOL <name> BASE <dir> FILES <files...>)
# Generates a C++ source that defines
#   std::span<const workmatch::EmbeddedFile> workmatch::<name>();
# (the caller declares it; see core/embedded_file.h), with each file's path
# relative to BASE and its bytes, sorted by path. Regenerated whenever a listed file changes.
set(WORKMATCH_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_script.cmake)

function(workmatch_embed)
  cmake_parse_arguments(ARG "" "OUTPUT;SYMBOL;BASE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${ARG_OUTPUT} -DSYMBOL=${ARG_SYMBOL}
            -DBASE=${ARG_BASE} "-DFILES=${files_arg}" -P ${WORKMATCH_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${WORKMATCH_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_SYMBOL}"
    VERBATIM)
endfunction()
