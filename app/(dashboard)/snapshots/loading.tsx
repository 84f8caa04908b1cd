// Listing and comparing scans (which analyses both) stream a loading state; see app/(dashboard)/when-ready.tsx for the others.
export { ReportLoading as default } from "@/components/report-loading";
