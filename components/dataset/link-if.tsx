import Link from "next/link";
import type { ReactNode } from "react";

/** A link only for an account that may open the page (a viewer and the review queue, say); otherwise the words alone. */
export function LinkIf({
  canOpen,
  href,
  className,
  children,
}: {
  canOpen: boolean;
  href: string;
  className?: string;
  children: ReactNode;
}) {
  return canOpen ? (
    <Link href={href} className={className}>
      {children}
    </Link>
  ) : (
    <>{children}</>
  );
}
