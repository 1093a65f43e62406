// ESLint: Next's rules (core web vitals, TypeScript, React hooks) and the layers of the house
// layout (STYLE.md): components never import the database layer, not even its types; domain code
// in lib/ never imports routes (app/) or UI (components/). Formatting is Prettier's (npm run lint).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // A leading underscore marks what is left out on purpose (`const { sort: _sort, ...rest } = filters`).
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"],
              message: "Components never import lib/db (not even types): use the domain's own module (lib/<domain>/types or enums).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app", "@/app/*", "**/app/*"], message: "lib/ is below the routes: move what both need into lib/." },
            {
              group: ["@/components", "@/components/*", "**/components/*"],
              message: "lib/ is below the UI: move what both need into lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their own `use`, not React's.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    ".cache/**",
    "playwright-report/**",
    "test-results/**",
    "next-env.d.ts",
    "demo/**",
  ]),
]);
