# Turns the web's assets (app/web/assets/*) into a C++ source file, so the
# server carries its stylesheet and script and never reads files from disk
# at run time.
# Inputs: ASSET_DIR, OUTPUT.
file(GLOB assets RELATIVE "${ASSET_DIR}" "${ASSET_DIR}/*")
list(SORT assets)
set(body "// Generated from app/web/assets by cmake/embed_assets.cmake; do not edit.\n")
string(APPEND body "#include \"web/assets.hpp\"\n\nnamespace massagelog::web {\n\n")
string(APPEND body "const std::vector<Asset>& assets()\n{\n    static const std::vector<Asset> list = {\n")
foreach(file IN LISTS assets)
  file(READ "${ASSET_DIR}/${file}" text)
  string(FIND "${text}" ")massagelog_asset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "app/web/assets/${file} contains the raw string delimiter")
  endif()
  string(APPEND body "        {\"/${file}\", R\"massagelog_asset(${text})massagelog_asset\"},\n")
endforeach()
string(APPEND body "    };\n    return list;\n}\n\n} // namespace massagelog::web\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
