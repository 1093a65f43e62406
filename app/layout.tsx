import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/layout/providers";
import { TopBar } from "@/components/layout/top-bar";
import "./globals.css";

export const metadata: Metadata = {
  title: "Ripe — curate image-editing datasets",
  description: "Browse by category, audit the judge, label preference pairs, export.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <TopBar />
          {children}
        </Providers>
      </body>
    </html>
  );
}
